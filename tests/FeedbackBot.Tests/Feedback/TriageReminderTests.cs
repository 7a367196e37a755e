using System.Text.Json.Nodes;
using FeedbackBot.Core.Triage;
using FeedbackBot.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Feedback;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TriageReminderTests
{
    private static IEnumerable<RecordedRequest> Reminders(BotApplication bot) =>
        bot.Teams.Requests.Where(r => r.Method == "POST" && r.Path.Contains($"/{TeamsFeedbackKit.TriageChannel}/") && r.Body.Contains("waiting for triage"));

    [Fact]
    public async Task Overdue_reports_are_reminded_once_per_channel_oldest_first_and_a_second_run_posts_nothing()
    {
        await using var bot = await BotApplication.StartAsync(TestCatalog.WithOrdersApi);
        await bot.SendTeamsAsync(TeamsFeedbackKit.InChannel(TeamsActivities.Message(bot, "triage here all", BotApplication.ProductManagerAad)));
        await bot.Teams.WaitForAsync(r => r.Body.Contains("From now on"), "the all-APIs triage channel");
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        bot.Clock.Advance(TimeSpan.FromHours(1));
        var orders = TeamsFeedbackKit.BugForm("Order status never updates", "Orders stay pending.");
        orders["api"] = "orders";
        await bot.SubmitReportAsync(orders, TeamsFeedbackKit.OtherConsumerAad);
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Refunds time out", "POST /v2/refunds hangs."));
        await bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1003", ["priority"] = "P2" });
        bot.Clock.Advance(TimeSpan.FromDays(7));
        var reminders = bot.Services.GetRequiredService<TriageReminders>();

        var first = await reminders.RunAsync(default);
        var second = await reminders.RunAsync(default);

        Assert.Equal((1, 0), (first, second));
        var reminder = Assert.Single(Reminders(bot));
        Assert.Contains("2 reports waiting for triage", reminder.Body);
        Assert.True(reminder.Body.IndexOf("FB-1001", StringComparison.Ordinal) < reminder.Body.IndexOf("FB-1002", StringComparison.Ordinal), "oldest first");
        Assert.Contains("Orders API", reminder.Body);
        Assert.DoesNotContain("FB-1003", reminder.Body);
    }

    [Fact]
    public async Task Nothing_is_posted_when_nothing_is_overdue()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.WaitForTriageCardAsync("FB-1001");
        bot.Clock.Advance(TimeSpan.FromHours(20));

        var reminded = await bot.Services.GetRequiredService<TriageReminders>().RunAsync(default);

        Assert.Equal(0, reminded);
        Assert.Empty(Reminders(bot));
    }

    [Fact]
    public async Task Each_triage_channel_gets_its_own_reminder()
    {
        await using var bot = await BotApplication.StartAsync(TestCatalog.WithOrdersApi);
        await bot.SetTriageChannelAsync("payments");
        var other = TeamsActivities.Message(bot, "triage here orders", BotApplication.ProductManagerAad);
        other["conversation"] = new JsonObject { ["id"] = "19:orders-triage@thread.tacv2", ["conversationType"] = "channel", ["tenantId"] = BotApplication.TenantId };
        await bot.SendTeamsAsync(other);
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        var orders = TeamsFeedbackKit.BugForm("Order status never updates", "Orders stay pending.");
        orders["api"] = "orders";
        await bot.SubmitReportAsync(orders);
        bot.Clock.Advance(TimeSpan.FromDays(7));

        var reminded = await bot.Services.GetRequiredService<TriageReminders>().RunAsync(default);

        Assert.Equal(2, reminded);
        var payments = Assert.Single(Reminders(bot));
        Assert.Contains("FB-1001", payments.Body);
        var ordersReminder = Assert.Single(bot.Teams.Requests, r => r.Path.Contains("orders-triage") && r.Body.Contains("waiting for triage"));
        Assert.Contains("FB-1002", ordersReminder.Body);
        Assert.DoesNotContain("FB-1001", ordersReminder.Body);
    }

    [Fact]
    public async Task The_reminder_is_a_recurring_job_on_the_configured_cron_and_zone()
    {
        await using var bot = await BotApplication.StartAsync(s =>
        {
            s["Triage:ReminderCron"] = "30 8 * * 1-5";
            s["Triage:ReminderTimeZone"] = "Europe/Paris";
        });

        using var connection = bot.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == "triage-reminders");

        Assert.Equal("30 8 * * 1-5", job.Cron);
        Assert.Equal("Europe/Paris", job.TimeZoneId);
    }

    [Theory]
    [InlineData("Triage:ReminderCron", "every monday")]
    [InlineData("Triage:ReminderTimeZone", "Mars/Olympus")]
    [InlineData("Triage:OverdueAfterWorkingDays", "0")]
    public async Task A_bad_reminder_setting_stops_start_up_naming_it(string key, string value)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => BotApplication.StartAsync(s => s[key] = value));

        Assert.Contains(key, failure.ToString());
    }
}
