using FeedbackBot.Jobs;
using FeedbackBot.Tests.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Hosting;

public sealed class RecurringJobsTests
{
    [Fact]
    public async Task Every_recurring_job_is_stored_under_its_id_with_its_cron_setting()
    {
        await using var bot = await BotApplication.StartAsync(s =>
        {
            s["Triage:ReminderCron"] = "30 8 * * 1-5";
            s["Digest:Cron"] = "0 7 * * 1";
            s["Surveys:TickCron"] = "*/5 * * * *";
            s["GoToMarket:ReminderCron"] = "15 7 * * *";
        });

        using var connection = bot.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => j.Cron);

        Assert.Equal(new Dictionary<string, string>
        {
            ["triage-reminders"] = "30 8 * * 1-5",
            ["weekly-digest"] = "0 7 * * 1",
            ["survey-scheduler"] = "*/5 * * * *",
            ["slack-inbox-maintenance"] = Cron.Hourly(),
            ["gtm-reminders"] = "15 7 * * *",
        }, jobs);
    }

    [Fact]
    public async Task Without_slack_the_inbox_maintenance_is_not_scheduled()
    {
        await using var bot = await BotApplication.StartAsync(s =>
        {
            s["Slack:BotToken"] = "";
            s["Slack:SigningSecret"] = "";
        });

        using var connection = bot.Services.GetRequiredService<JobStorage>().GetConnection();

        Assert.Equal(["gtm-reminders", "survey-scheduler", "triage-reminders", "weekly-digest"], connection.GetRecurringJobs().Select(j => j.Id).Order());
    }

    [Theory]
    [InlineData("FeedbackBot.Surveys.SurveyJob, FeedbackBot", typeof(SurveyJob))]
    [InlineData("FeedbackBot.Slack.SlackInboxMaintenance, FeedbackBot", typeof(SlackInboxMaintenance))]
    [InlineData("FeedbackBot.Jobs.SurveyJob, FeedbackBot", typeof(SurveyJob))]
    public async Task A_job_stored_before_its_class_moved_still_finds_its_class(string storedType, Type expected)
    {
        // The resolver is part of the app's Hangfire configuration: start the app so it is in place.
        await using var bot = await BotApplication.StartAsync();
        var method = expected == typeof(SurveyJob) ? "DeliverAsync" : "RunAsync";
        var current = InvocationData.SerializeJob(expected == typeof(SurveyJob)
            ? Job.FromExpression<SurveyJob>(j => j.DeliverAsync("slack:T1", "RUN-1", "slack:U1", false, CancellationToken.None))
            : Job.FromExpression<SlackInboxMaintenance>(j => j.RunAsync(CancellationToken.None)));

        var job = new InvocationData(storedType, current.Method, current.ParameterTypes, current.Arguments).DeserializeJob();

        Assert.Equal(expected, job.Type);
        Assert.Equal(method, job.Method.Name);
    }
}
