using System.Text.Json.Nodes;
using FeedbackBot.Core.GoToMarket;
using FeedbackBot.Tests.Feedback;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Tests.GoToMarket.GtmTeamsKit;

namespace FeedbackBot.Tests.GoToMarket;

public sealed class ReleasePlanTests
{
    [Fact]
    public async Task A_product_manager_edits_the_checklist_and_a_bad_line_is_refused_with_its_reason()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "gtm template", BotApplication.ProductManagerAad));
        var form = await bot.Teams.WaitForAsync(r => r.Body.Contains(GoToMarketVerbs.SaveTemplate), "the checklist form");
        var bad = await bot.ExecuteInChannelAsync(GoToMarketVerbs.SaveTemplate, new JsonObject { ["steps"] = "Docs updated | someone | 3 | required" });
        var saved = await bot.ExecuteInChannelAsync(GoToMarketVerbs.SaveTemplate, new JsonObject { ["steps"] = "Docs updated | owner | 4 | required\nPartner webinar | pm | 7 | optional" });
        var consumer = await bot.ExecuteInChannelAsync(GoToMarketVerbs.SaveTemplate, new JsonObject { ["steps"] = "Nothing | pm | 1 | optional" }, BotApplication.ConsumerAad);

        Assert.Contains("Deprecation notices sent", form.Body);
        Assert.Contains("Line 1", bad.Text());
        Assert.Contains("`pm`", bad.Text());
        Assert.Contains("Partner webinar", saved.Text());
        Assert.Contains("Only product managers", consumer.Text());
        var stored = await bot.Services.GetRequiredService<IGtmTemplateStore>().GetAsync(Tenant, default);
        Assert.Equal([("Docs updated", StepRole.ApiOwner, 4, true), ("Partner webinar", StepRole.ProductManager, 7, false)],
            stored!.Steps.Select(s => (s.Title, s.Role, s.DaysBefore, s.Required)));
    }

    [Fact]
    public async Task A_plan_gets_owners_from_the_people_picker_and_due_dates_and_its_readiness_card_goes_to_the_apis_channel()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.PrepareChannelAsync();
        var target = Today(bot).AddDays(20);

        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "release payments 2.4", BotApplication.ProductManagerAad));
        var form = await bot.Teams.WaitForAsync(r => r.Body.Contains(GoToMarketVerbs.SavePlan), "the plan form");
        var stranger = await bot.ExecuteInChannelAsync(GoToMarketVerbs.SavePlan, PlanForm(target, ownerAad: "aad-not-in-channel"));
        var plan = await bot.StartPlanAsync(target, docsDue: target.AddDays(-10));

        Assert.Contains("\"style\":\"filtered\"", form.Body);
        Assert.Contains($"Member {OwnerAad}", form.Body);
        Assert.Contains("pick someone who is a member of the API's channel", stranger.Text());
        Assert.Equal(target, plan.Target);
        var docs = plan.Step("docs")!;
        Assert.Equal(($"teams:{OwnerAad}", $"Member {OwnerAad}", target.AddDays(-10)), (docs.Owner.Key, docs.Owner.Label, docs.Due));
        Assert.Equal((BotApplication.ProductManagerAad, target.AddDays(-3)), (plan.Step("support")!.Owner.Id, plan.Step("support")!.Due));
        var card = bot.Teams.Sent.Last(r => r.Path.Contains(TeamsFeedbackKit.TriageChannel) && r.Body.Contains("gtm.step"));
        Assert.Contains("0 of 7 steps done", card.Body);
        Assert.Contains($"Member {OwnerAad} · due", card.Body);
        Assert.NotNull(plan.Card);
    }

    [Fact]
    public async Task An_owner_marks_a_step_done_from_the_readiness_card_and_the_card_changes_for_everyone()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.PrepareChannelAsync();
        var plan = await bot.StartPlanAsync(Today(bot).AddDays(20));

        var opened = await bot.ExecuteInChannelAsync(GoToMarketVerbs.Step, Step("docs", ""), OwnerAad);
        var noLink = await bot.ExecuteInChannelAsync(GoToMarketVerbs.SaveStep, Step("docs", "done", link: "not a link"), OwnerAad);
        var consumer = await bot.ExecuteInChannelAsync(GoToMarketVerbs.SaveStep, Step("docs", "done"), BotApplication.ConsumerAad);
        var done = await bot.ExecuteInChannelAsync(GoToMarketVerbs.SaveStep, Step("docs", "done", link: "https://developer.example.com/payments/2.4"), OwnerAad);

        Assert.Contains(GoToMarketVerbs.SaveStep, opened.Text());
        Assert.Contains("full web address", noLink.Text());
        Assert.Contains("can update", consumer.Text());
        Assert.Contains("1 of 7 steps done", done.Text());
        var update = Assert.Single(bot.Teams.Updated, r => r.Body.Contains("1 of 7 steps done"));
        Assert.Contains(plan.Card!.MessageId, update.Path);
        Assert.Contains("https://developer.example.com/payments/2.4", update.Body);
        var stored = await bot.Services.GetRequiredService<IReleasePlanStore>().GetAsync(Tenant, "payments", "2.4", default);
        Assert.Equal(StepState.Done, stored!.Step("docs")!.State);
    }

    [Fact]
    public async Task Owners_hear_once_of_a_step_due_soon_and_once_a_day_of_an_overdue_one_and_the_pm_gets_one_summary()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.PrepareChannelAsync();
        var target = Today(bot).AddDays(10);
        await bot.StartPlanAsync(target, docsDue: Today(bot).AddDays(1));
        var reminders = bot.Services.GetRequiredService<GtmReminders>();
        var messenger = bot.Services.GetRequiredService<FeedbackBot.Core.Messaging.IMessenger>();

        await reminders.RunAsync(messenger, default);
        await reminders.RunAsync(messenger, default);
        bot.Clock.Advance(TimeSpan.FromDays(2));
        await reminders.RunAsync(messenger, default);
        await reminders.RunAsync(messenger, default);
        bot.Clock.Advance(TimeSpan.FromDays(5));
        await reminders.RunAsync(messenger, default);

        Assert.Single(Personal(bot, "Due soon: Docs updated"));
        Assert.Equal(2, Personal(bot, "Overdue: Docs updated").Count());
        Assert.Single(Personal(bot, "readiness summary"));
        Assert.Contains(bot.Teams.Created, c => c.Members.Contains($"29:{OwnerAad}"));
    }
}
