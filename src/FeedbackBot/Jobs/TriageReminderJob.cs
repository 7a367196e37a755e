using FeedbackBot.Core.Triage;
using FeedbackBot.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Jobs;

/// <summary>The Hangfire entry point of the SLA reminder.</summary>
public sealed class TriageReminderJob(TriageReminders reminders, ILogger<TriageReminderJob> log)
{
    public const string Id = "triage-reminders";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reminded = await reminders.RunAsync(cancellationToken);
        log.LogInformation("Triage reminders posted in {Count} channel(s)", reminded);
    }

    public static void Schedule(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TriageOptions>>().Value;
        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<TriageReminderJob>(
            Id, job => job.RunAsync(CancellationToken.None), options.ReminderCron, new RecurringJobOptions { TimeZone = options.Zone });
    }
}
