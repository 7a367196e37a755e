using FeedbackBot.Core.Triage;
using Hangfire;

namespace FeedbackBot.Jobs;

/// <summary>The Hangfire entry point of the SLA reminder (scheduled in <see cref="RecurringJobs"/>).</summary>
public sealed class TriageReminderJob(TriageReminders reminders, ILogger<TriageReminderJob> log)
{
    public const string Id = "triage-reminders";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reminded = await reminders.RunAsync(cancellationToken);
        log.LogInformation("Triage reminders posted in {Count} channel(s)", reminded);
    }
}
