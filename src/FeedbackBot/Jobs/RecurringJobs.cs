using FeedbackBot.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Jobs;

/// <summary>
/// Every recurring job of the bot, scheduled in one place at start-up:
/// <list type="table">
/// <item><term><c>triage-reminders</c></term><description><see cref="TriageReminderJob"/>, on <c>Triage:ReminderCron</c> in
/// <c>Triage:ReminderTimeZone</c> (09:00 Monday to Friday): reminds each triage channel of its overdue untriaged reports.</description></item>
/// <item><term><c>weekly-digest</c></term><description><see cref="WeeklyDigestJob"/>, on <c>Digest:Cron</c> in <c>Digest:TimeZone</c>
/// (Monday 09:00): enqueues one send per subscribed channel, each retried on its own (<c>Digest:Retry*</c>).</description></item>
/// <item><term><c>survey-scheduler</c></term><description><see cref="SurveyJob"/>, on <c>Surveys:TickCron</c> in UTC (every minute):
/// starts the survey runs that are due, sends their reminders and closes them.</description></item>
/// <item><term><c>gtm-reminders</c></term><description><see cref="GtmReminderJob"/>, on <c>GoToMarket:ReminderCron</c> in UTC (08:00 daily):
/// reminds release plan owners of steps due soon and overdue, sends PMs readiness summaries and post-release follow-ups.</description></item>
/// <item><term><c>slack-inbox-maintenance</c></term></term><description><see cref="SlackInboxMaintenance"/>, hourly, only when Slack is
/// configured: deletes finished inbox rows and takes up requests no worker finished.</description></item>
/// </list>
/// The ids never change: Hangfire keys a schedule by its id, so a new id would leave the old schedule running beside it.
/// </summary>
public static class RecurringJobs
{
    public static WebApplication ScheduleRecurringJobs(this WebApplication app)
    {
        var services = app.Services;
        var jobs = services.GetRequiredService<IRecurringJobManager>();

        var triage = services.GetRequiredService<IOptions<TriageOptions>>().Value;
        jobs.AddOrUpdate<TriageReminderJob>(TriageReminderJob.Id, job => job.RunAsync(CancellationToken.None),
            triage.ReminderCron, new RecurringJobOptions { TimeZone = triage.Zone });

        var digest = services.GetRequiredService<IOptions<DigestOptions>>().Value;
        // The children's retry policy comes from Digest:Retry*, registered against this app's own storage.
        DigestRetryAttribute.Register(services.GetRequiredService<JobStorage>(), digest);
        jobs.AddOrUpdate<WeeklyDigestJob>(WeeklyDigestJob.Id, job => job.RunAsync(CancellationToken.None),
            digest.Cron, new RecurringJobOptions { TimeZone = digest.Zone });

        var surveys = services.GetRequiredService<IOptions<SurveyOptions>>().Value;
        jobs.AddOrUpdate<SurveyJob>(SurveyJob.Id, job => job.TickAsync(CancellationToken.None), surveys.TickCron);

        var gtm = services.GetRequiredService<IOptions<GoToMarketOptions>>().Value;
        jobs.AddOrUpdate<GtmReminderJob>(GtmReminderJob.Id, job => job.RunAsync(CancellationToken.None), gtm.ReminderCron);

        if (services.GetRequiredService<IOptions<SlackOptions>>().Value.Enabled)
        {
            jobs.AddOrUpdate<SlackInboxMaintenance>(SlackInboxMaintenance.JobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        }
        return app;
    }
}
