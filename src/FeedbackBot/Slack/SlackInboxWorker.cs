using System.Threading.Channels;
using FeedbackBot.Hosting;
using FeedbackBot.Storage;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack;

/// <summary>Inbox rows waiting for this instance's worker. Bounded: when full, rows wait in storage for the next sweep.</summary>
public sealed class SlackInboxQueue
{
    private readonly Channel<InboxEntry> channel = Channel.CreateBounded<InboxEntry>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.Wait });

    public bool TryPost(InboxEntry entry) => channel.Writer.TryWrite(entry);

    public IAsyncEnumerable<InboxEntry> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>
/// Processes inboxed Slack requests after their 200. At start-up it first takes up what no one finished (rows still
/// pending, or claimed by a worker that died), so a crash after the acknowledgement loses nothing.
/// </summary>
/// <remarks>
/// Stopping: the worker takes nothing new from its queue (those rows stay pending in storage for the other instances),
/// lets running turns finish for <see cref="InboxOptions.DrainGrace"/>, and hands back the rows of turns still running
/// after that, so another instance takes them at once instead of after the claim lifetime.
/// </remarks>
public sealed class SlackInboxWorker(
    SlackInboxQueue queue, SlackInbox inbox, IServiceScopeFactory scopes, IOptions<SlackOptions> options, IOptions<InboxOptions> inboxOptions,
    TimeProvider time, ILogger<SlackInboxWorker> log)
    : BackgroundService
{
    /// <summary>A claim older than this belongs to a worker that is gone: far longer than any turn takes.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(5);

    private const int Parallelism = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        await RequeueUnfinishedAsync(inbox, queue, time.GetUtcNow(), time.GetUtcNow() - ClaimLifetime, log, stoppingToken);
        using var abandon = new CancellationTokenSource();
        await using var grace = stoppingToken.Register(() => abandon.CancelAfter(inboxOptions.Value.DrainGrace));
        try
        {
            // The loop's own token is not passed to the turns: stopping ends the reading, not the turns already running.
            await Parallel.ForEachAsync(queue.ReadAllAsync(stoppingToken), new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
                async (entry, _) =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<SlackTurnProcessor>().ProcessAsync(entry, abandon.Token);
                });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            log.LogInformation("Slack inbox worker stopped; rows still queued here stay pending for the other instances");
        }
    }

    /// <summary>Queues rows no one finished: pending ones received before <paramref name="receivedBefore"/>, and stale claims.</summary>
    public static async Task<int> RequeueUnfinishedAsync(SlackInbox inbox, SlackInboxQueue queue, DateTimeOffset receivedBefore, DateTimeOffset claimedBefore,
        ILogger log, CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            await foreach (var entry in inbox.UnfinishedAsync(receivedBefore, claimedBefore, cancellationToken))
            {
                if (!queue.TryPost(entry)) break;
                count++;
            }
            if (count > 0) log.LogInformation("Took up {Count} unfinished Slack request(s) from the inbox", count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Could not read unfinished Slack requests from the inbox; the hourly sweep tries again");
        }
        return count;
    }
}
