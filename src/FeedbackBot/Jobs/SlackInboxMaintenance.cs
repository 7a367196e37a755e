using FeedbackBot.Slack;
using FeedbackBot.Storage;

namespace FeedbackBot.Jobs;

/// <summary>The hourly Hangfire job (see <see cref="RecurringJobs"/>): deletes finished rows (done after a day, failed after a week) and takes up stuck ones.</summary>
public sealed class SlackInboxMaintenance(SlackInbox inbox, SlackInboxQueue queue, TimeProvider time, ILogger<SlackInboxMaintenance> log)
{
    public const string JobId = "slack-inbox-maintenance";
    public static readonly TimeSpan KeepDone = TimeSpan.FromDays(1);
    public static readonly TimeSpan KeepFailed = TimeSpan.FromDays(7);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deleted = await inbox.DeleteFinishedAsync(now - KeepDone, now - KeepFailed, cancellationToken);
        if (deleted > 0) log.LogInformation("Deleted {Count} finished Slack inbox row(s)", deleted);
        await SlackInboxWorker.RequeueUnfinishedAsync(inbox, queue, now - SlackInboxWorker.ClaimLifetime, now - SlackInboxWorker.ClaimLifetime, log, cancellationToken);
    }
}
