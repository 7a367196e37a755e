using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Feedback;

/// <summary>Report, triage and tell the reporter, on Teams, end to end through HTTP, Azurite and the fake connector.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TeamsFeedbackLoopTests
{
    [Fact]
    public async Task The_whole_loop_report_triage_card_accept_and_the_reporter_hears()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();

        var confirmation = await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        var triageCard = await bot.WaitForTriageCardAsync("FB-1001");
        var accepted = await bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1001", ["priority"] = "P2" });
        var told = await bot.WaitForPersonalMessageAsync("was accepted (high priority)");

        Assert.Contains("FB-1001", confirmation["value"]!.ToJsonString());
        Assert.Contains("Pagination skips page 2", triageCard.Body);
        Assert.Contains("Blocking", triageCard.Body);
        Assert.Equal("application/vnd.microsoft.card.adaptive", accepted["type"]!.GetValue<string>());
        Assert.Contains("Accepted as P2", accepted["value"]!.ToJsonString());
        Assert.DoesNotContain("feedback.accept", accepted["value"]!.ToJsonString());
        Assert.Contains("Pagination skips page 2", told.Body);
        Assert.Contains($"personal-{BotApplication.ConsumerAad}", told.Path);
    }

    [Fact]
    public async Task Decline_tells_the_reporter_the_reason_in_the_pms_words()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.WaitForTriageCardAsync("FB-1001");

        var declined = await bot.TriageAsync("feedback.decline", new JsonObject { ["shortId"] = "FB-1001", ["reason"] = "Page 2 is right: the sort order changed in 2.3." });
        var told = await bot.WaitForPersonalMessageAsync("was declined");

        Assert.Contains("Declined: Page 2 is right", declined["value"]!.ToJsonString());
        Assert.Contains("the sort order changed in 2.3.", told.Body);
    }

    [Fact]
    public async Task Duplicate_points_the_reporter_to_the_original()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Refunds time out", "POST /v2/refunds never answers."));
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Webhook retries stop after one", "Only one delivery attempt is made."), TeamsFeedbackKit.OtherConsumerAad);
        await bot.WaitForTriageCardAsync("FB-1002");

        var marked = await bot.TriageAsync("feedback.duplicate", new JsonObject { ["shortId"] = "FB-1002", ["duplicateOf"] = "FB-1001" });
        var told = await bot.WaitForPersonalMessageAsync("is the same as FB-1001");

        Assert.Contains("Marked duplicate of FB-1001", marked["value"]!.ToJsonString());
        Assert.Contains("status FB-1001", told.Body);
        Assert.Contains("Duplicate", await bot.StatusTextAsync("FB-1002"));
    }

    [Fact]
    public async Task Needs_info_asks_the_reporter_and_their_answer_even_starting_with_a_command_word_goes_to_the_triage_thread()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.WaitForTriageCardAsync("FB-1001");

        await bot.TriageAsync("feedback.needsInfo", new JsonObject { ["shortId"] = "FB-1001", ["question"] = "Which page size do you use?" });
        var asked = await bot.WaitForPersonalMessageAsync("Which page size do you use?");
        var personalChat = asked.Json!["conversation"]!["id"]!.GetValue<string>();
        var answer = TeamsActivities.Message(bot, "Status codes are 500 with 50 per page.");
        answer["conversation"]!["id"] = personalChat;
        await bot.SendTeamsAsync(answer);

        var thread = await bot.Teams.WaitForAsync(r => r.Path.Contains("triage") && r.Body.Contains("Status codes are 500 with 50 per page."), "the answer on the triage thread");
        var status = await bot.StatusTextAsync("FB-1001");
        Assert.Contains("Answered: Status codes are 500 with 50 per page.", status);
        Assert.Contains("New", status);
        Assert.Contains("messageid", Uri.UnescapeDataString(thread.Path));
        await bot.Teams.WaitForAsync(r => r.Method == "PUT" && r.Body.Contains("FB-1001"), "the triage card redrawn");
    }

    [Fact]
    public async Task Assign_to_me_shows_on_the_card_and_does_not_bother_the_reporter()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.WaitForTriageCardAsync("FB-1001");

        var assigned = await bot.TriageAsync("feedback.assignMe", new JsonObject { ["shortId"] = "FB-1001", ["assignee"] = "" });
        var toOther = await bot.TriageAsync("feedback.assign", new JsonObject { ["shortId"] = "FB-1001", ["assignee"] = "teams:not-a-pm" });

        Assert.Contains($"teams:{BotApplication.ProductManagerAad}", assigned["value"]!.ToJsonString());
        Assert.Contains("is not a product manager of this API", toOther["value"]!.ToString());
        Assert.DoesNotContain(bot.Teams.Requests, r => r.Path == "/v3/conversations");
    }

    [Fact]
    public async Task A_consumer_clicking_triage_is_refused_and_nothing_changes()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.WaitForTriageCardAsync("FB-1001");

        var refused = await bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1001", ["priority"] = "P1" }, TeamsFeedbackKit.OtherConsumerAad);

        Assert.Contains("Only the product managers of this API can triage FB-1001", refused["value"]!.ToString());
        var stored = await bot.Services.GetRequiredService<IReportStore>().GetAsync($"teams:{BotApplication.TenantId}", "FB-1001", default);
        Assert.Equal(ReportStatus.New, stored!.Report.Status);
    }

    [Fact]
    public async Task Two_pms_clicking_at_once_leave_exactly_one_decision_and_the_loser_sees_the_winner()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Roles:ProductManagers:2"] = "teams:aad-pm-2");
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.WaitForTriageCardAsync("FB-1001");

        var clicks = await Task.WhenAll(
            bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1001", ["priority"] = "P2" }),
            bot.TriageAsync("feedback.decline", new JsonObject { ["shortId"] = "FB-1001", ["reason"] = "Works as designed" }, "aad-pm-2"));

        var stored = (await bot.Services.GetRequiredService<IReportStore>().GetAsync($"teams:{BotApplication.TenantId}", "FB-1001", default))!.Report;
        Assert.Single(stored.History, e => e.Text.StartsWith("Accepted") || e.Text.StartsWith("Declined"));
        var winner = stored.Status == ReportStatus.Accepted ? "Accepted as P2" : "Declined: Works as designed";
        Assert.All(clicks, body => Assert.Contains(winner, body.ToJsonString()));
        var told = await bot.WaitForPersonalMessageAsync("Your report FB-1001 was");
        Assert.Single(bot.Teams.Requests, r => r.Body.Contains("Your report FB-1001 was"));
        Assert.NotNull(told);
    }

    [Fact]
    public async Task A_stale_click_on_a_decided_card_shows_the_decision_and_changes_nothing()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1001", ["priority"] = "P3" });

        var stale = await bot.TriageAsync("feedback.decline", new JsonObject { ["shortId"] = "FB-1001", ["reason"] = "late" });

        Assert.Contains("Accepted as P3", stale["value"]!.ToJsonString());
        Assert.DoesNotContain("Declined", await bot.StatusTextAsync("FB-1001"));
    }

    [Fact]
    public async Task Without_a_triage_channel_the_report_is_kept_and_listed_for_pms()
    {
        await using var bot = await BotApplication.StartAsync();

        var confirmation = await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "triage list payments", BotApplication.ProductManagerAad));

        Assert.Contains("No triage channel is set up", confirmation["value"]!.ToJsonString());
        var list = await bot.Teams.WaitForAsync(r => r.Body.Contains("Open reports: Payments API"), "the triage list");
        Assert.Contains("FB-1001", list.Body);
    }
}
