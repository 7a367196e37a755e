using System.Text.Json.Nodes;
using FeedbackBot.Core.GoToMarket;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Tests.Feedback;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Tests.GoToMarket.GtmTeamsKit;

namespace FeedbackBot.Tests.GoToMarket;

public sealed class PublishTests
{
    private const string Consumers = "19:consumers@thread.tacv2";

    private static JsonObject Release() => new()
    {
        ["apiId"] = "payments", ["version"] = "2.4", ["notes"] = "Refunds in any currency.", ["date"] = "2026-12-14", ["shipped"] = "",
        ["changelogUrl"] = "", ["docsUrl"] = "", ["migrationUrl"] = "",
    };

    private static IEnumerable<RecordedRequest> Announcements(BotApplication bot) =>
        bot.Teams.Requests.Where(r => r.Method == "POST" && r.Path.Contains(Consumers) && r.Body.Contains("Payments API 2.4 is out"));

    private static async Task SubscribeAsync(BotApplication bot)
    {
        var activity = TeamsActivities.Message(bot, "digest here payments", BotApplication.ProductManagerAad);
        activity["conversation"] = new JsonObject { ["id"] = Consumers, ["conversationType"] = "channel", ["tenantId"] = BotApplication.TenantId };
        await bot.SendTeamsAsync(activity);
        await bot.Teams.WaitForAsync(r => r.Path.Contains("consumers"), "the subscription confirmed");
    }

    [Fact]
    public async Task Publish_with_required_steps_open_warns_shows_the_audience_and_sends_nothing_until_confirmed()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.PrepareChannelAsync();
        await SubscribeAsync(bot);
        await bot.StartPlanAsync(Today(bot).AddDays(5));

        var preview = await bot.ExecuteInChannelAsync("release.publish", Release());
        var sentBeforeConfirm = Announcements(bot).Count();
        var confirmed = await bot.ExecuteInChannelAsync("release.confirm", Release());
        var again = await bot.ExecuteInChannelAsync("release.confirm", Release());

        Assert.Contains("Required steps still open: Docs updated, Changelog written, Support briefed, Announcement drafted", preview.Text());
        Assert.Contains("goes to 1 channel(s)", preview.Text());
        Assert.Contains("Publish anyway", preview.Text());
        Assert.Equal(0, sentBeforeConfirm);
        Assert.Contains("Payments API 2.4 is out", confirmed.Text());
        Assert.Single(Announcements(bot));
        Assert.Contains("nothing was sent again", again.Text());
        var plan = await bot.Services.GetRequiredService<IReleasePlanStore>().GetAsync(Tenant, "payments", "2.4", default);
        Assert.Equal((1, 0, "Test User"), (plan!.Published!.Channels, plan.Published.PeopleTold, plan.Published.By));
        Assert.Equal(4, plan.Published.OpenRequired.Count);
        Assert.Contains(bot.Teams.Updated, r => r.Path.Contains(plan.Card!.MessageId) && r.Body.Contains("Published"));
    }

    [Fact]
    public async Task Two_weeks_after_publishing_the_pm_gets_one_follow_up_with_reach_and_new_reports()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.PrepareChannelAsync();
        await SubscribeAsync(bot);
        await bot.StartPlanAsync(Today(bot).AddDays(5));
        await bot.ExecuteInChannelAsync("release.confirm", Release());
        bot.Clock.Advance(TimeSpan.FromDays(1));
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Refund webhook fires twice", "POST /v2/refunds sends two webhooks."));
        await bot.WaitForTriageCardAsync("FB-1001");
        var reminders = bot.Services.GetRequiredService<GtmReminders>();
        var messenger = bot.Services.GetRequiredService<IMessenger>();

        await reminders.RunAsync(messenger, default);
        var early = Personal(bot, "two weeks later").Count();
        bot.Clock.Advance(TimeSpan.FromDays(14));
        await reminders.RunAsync(messenger, default);
        await reminders.RunAsync(messenger, default);

        Assert.Equal(0, early);
        var followUp = Assert.Single(Personal(bot, "two weeks later"));
        Assert.Contains("1 channel(s)", followUp.Body);
        Assert.Contains("1 since the release (1 bugs)", followUp.Body);
        Assert.Contains("FB-1001", followUp.Body);
        Assert.Contains("No usage data for this API yet.", followUp.Body);
    }
}
