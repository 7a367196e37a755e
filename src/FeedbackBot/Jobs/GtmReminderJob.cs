using FeedbackBot.Core.GoToMarket;
using FeedbackBot.Messaging;
using Hangfire;

namespace FeedbackBot.Jobs;

/// <summary>The Hangfire entry point of release plan reminders, summaries and follow-ups (scheduled in <see cref="RecurringJobs"/>).</summary>
public sealed class GtmReminderJob(GtmReminders reminders, RateLimitedMessenger messenger, ILogger<GtmReminderJob> log)
{
    public const string Id = "gtm-reminders";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sent = await reminders.RunAsync(messenger, cancellationToken);
        log.LogInformation("Release plans: {Count} reminder(s), summaries and follow-ups sent", sent);
    }
}
