using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using FeedbackBot.Hosting;
using FeedbackBot.Storage;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack;

/// <summary>What the last look over the inbox saw.</summary>
/// <param name="Stuck">Unfinished rows received longer than <see cref="InboxOptions.StuckAfter"/> ago.</param>
/// <param name="Failed">Rows given up (status Failed, kept a week for operators).</param>
public sealed record InboxSnapshot(DateTimeOffset TakenAt, int Pending, int Processing, int Failed, int Stuck, TimeSpan OldestUnfinished);

/// <summary>
/// Looks over the Slack inbox's unfinished rows every <see cref="InboxOptions.SweepInterval"/>, starting at once (one
/// query per shard, reading a few small columns). It counts them (the depth and age gauges and the health check read
/// the last count instead of querying) and takes up what nobody is processing: rows pending for longer than
/// <see cref="PendingGrace"/> (their instance died before its worker got to them, or an insert's answer was lost),
/// rows claimed by an instance whose heartbeat is silent or by this instance's previous life, and claims older than
/// <see cref="SlackInboxWorker.ClaimLifetime"/>. Taking up is only queueing: the worker's claim (an ETag-guarded
/// update) makes sure one instance processes each row.
/// </summary>
public sealed class InboxCensus : BackgroundService
{
    public const string MeterName = "FeedbackBot.Inbox";

    /// <summary>Time the receiving instance has to start a row itself before others take it.</summary>
    public static readonly TimeSpan PendingGrace = TimeSpan.FromSeconds(15);

    private readonly Tables tables;
    private readonly SlackInbox inbox;
    private readonly SlackInboxQueue queue;
    private readonly InstanceRegistry instances;
    private readonly IOptions<InboxOptions> options;
    private readonly IOptions<SlackOptions> slack;
    private readonly TimeProvider time;
    private readonly ILogger<InboxCensus> log;
    private volatile InboxSnapshot? last;

    public InboxCensus(Tables tables, SlackInbox inbox, SlackInboxQueue queue, InstanceRegistry instances, IOptions<InboxOptions> options,
        IOptions<SlackOptions> slack, TimeProvider time, IMeterFactory meters, ILogger<InboxCensus> log)
    {
        (this.tables, this.inbox, this.queue, this.instances, this.options, this.slack, this.time, this.log) =
            (tables, inbox, queue, instances, options, slack, time, log);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("feedbackbot.inbox.rows", Rows, "{row}", "Slack inbox rows not done, by status.");
        meter.CreateObservableGauge("feedbackbot.inbox.oldest_age", () => last?.OldestUnfinished.TotalSeconds ?? 0, "s", "Age of the oldest unfinished inbox row.");
        meter.CreateObservableGauge("feedbackbot.inbox.stuck", () => last?.Stuck ?? 0, "{row}", "Unfinished inbox rows older than Inbox:StuckAfter.");
    }

    public InboxSnapshot? Last => last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!slack.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                last = await LookAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Could not count the Slack inbox; the next look is in {Interval}", options.Value.SweepInterval);
            }
            try
            {
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One look: counts the unfinished rows and queues here those nobody is processing.</summary>
    public async Task<InboxSnapshot> LookAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SlackInbox, cancellationToken);
        var alive = await instances.AliveAsync(cancellationToken);
        var now = time.GetUtcNow();
        var stuckBefore = now - options.Value.StuckAfter;
        int pending = 0, processing = 0, failed = 0, stuck = 0, taken = 0;
        var oldest = now;
        foreach (var shard in SlackInbox.AllShards)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and Status ne {nameof(InboxStatus.Done)}");
            var columns = new[] { "PartitionKey", "RowKey", "Status", "ReceivedAt", "ClaimedAt", "ClaimedBy", "NextAttemptAt" };
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
            {
                var status = row.GetString("Status");
                if (status == nameof(InboxStatus.Failed)) failed++;
                else if (status == nameof(InboxStatus.Processing)) processing++;
                else pending++;
                var received = row.GetDateTimeOffset("ReceivedAt") ?? now;
                if (status != nameof(InboxStatus.Failed))
                {
                    if (received < oldest) oldest = received;
                    if (received < stuckBefore) stuck++;
                }
                if (NobodyProcesses(row, status, received, alive, now) && await TakeUpAsync(row, cancellationToken)) taken++;
            }
        }
        if (taken > 0)
        {
            log.LogInformation("Took up {Count} Slack request(s) nobody was processing", taken);
            BotTelemetry.Retries.Add(taken, new KeyValuePair<string, object?>("what", "slack-inbox"));
        }
        return new InboxSnapshot(now, pending, processing, failed, stuck, now - oldest);
    }

    private static bool NobodyProcesses(TableEntity row, string? status, DateTimeOffset received, IReadOnlySet<string> alive, DateTimeOffset now)
    {
        if (status == nameof(InboxStatus.Pending)) return received < now - PendingGrace;
        if (status == nameof(InboxStatus.Processing))
        {
            var claimedBy = row.GetString("ClaimedBy");
            var claimedAt = row.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue;
            return string.IsNullOrEmpty(claimedBy) || !alive.Contains(claimedBy) || BotInstance.IsPredecessor(claimedBy)
                || claimedAt < now - SlackInboxWorker.ClaimLifetime;
        }
        // Failed: retried when its back-off has passed; given up when it has none.
        return row.GetDateTimeOffset("NextAttemptAt") is { } next && next <= now;
    }

    private async Task<bool> TakeUpAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var entry = await inbox.GetAsync(row.PartitionKey, row.RowKey, cancellationToken);
        return entry is not null && queue.TryPost(entry);
    }

    private IEnumerable<Measurement<int>> Rows()
    {
        if (last is not { } snapshot) yield break;
        yield return new(snapshot.Pending, new KeyValuePair<string, object?>("status", "pending"));
        yield return new(snapshot.Processing, new KeyValuePair<string, object?>("status", "processing"));
        yield return new(snapshot.Failed, new KeyValuePair<string, object?>("status", "failed"));
    }
}
