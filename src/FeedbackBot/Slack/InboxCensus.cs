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
/// Counts the Slack inbox's unfinished rows every <see cref="InboxOptions.SweepInterval"/> (one query per shard, reading
/// four small columns): the depth and age gauges and the health check read the last count instead of querying.
/// </summary>
public sealed class InboxCensus : BackgroundService
{
    public const string MeterName = "FeedbackBot.Inbox";

    private readonly Tables tables;
    private readonly IOptions<InboxOptions> options;
    private readonly IOptions<SlackOptions> slack;
    private readonly TimeProvider time;
    private readonly ILogger<InboxCensus> log;
    private volatile InboxSnapshot? last;

    public InboxCensus(Tables tables, IOptions<InboxOptions> options, IOptions<SlackOptions> slack, TimeProvider time, IMeterFactory meters, ILogger<InboxCensus> log)
    {
        (this.tables, this.options, this.slack, this.time, this.log) = (tables, options, slack, time, log);
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
                last = await CountAsync(stoppingToken);
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

    public async Task<InboxSnapshot> CountAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SlackInbox, cancellationToken);
        var now = time.GetUtcNow();
        var stuckBefore = now - options.Value.StuckAfter;
        int pending = 0, processing = 0, failed = 0, stuck = 0;
        var oldest = now;
        foreach (var shard in SlackInbox.AllShards)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and Status ne {nameof(InboxStatus.Done)}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["Status", "ReceivedAt"], cancellationToken: cancellationToken))
            {
                var status = row.GetString("Status");
                if (status == nameof(InboxStatus.Failed))
                {
                    failed++;
                    continue;
                }
                if (status == nameof(InboxStatus.Processing)) processing++;
                else pending++;
                var received = row.GetDateTimeOffset("ReceivedAt") ?? now;
                if (received < oldest) oldest = received;
                if (received < stuckBefore) stuck++;
            }
        }
        return new InboxSnapshot(now, pending, processing, failed, stuck, now - oldest);
    }

    private IEnumerable<Measurement<int>> Rows()
    {
        if (last is not { } snapshot) yield break;
        yield return new(snapshot.Pending, new KeyValuePair<string, object?>("status", "pending"));
        yield return new(snapshot.Processing, new KeyValuePair<string, object?>("status", "processing"));
        yield return new(snapshot.Failed, new KeyValuePair<string, object?>("status", "failed"));
    }
}
