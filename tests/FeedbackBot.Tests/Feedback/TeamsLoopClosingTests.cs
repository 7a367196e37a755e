using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Feedback;

/// <summary>Everyone who asked hears back on Teams: voters, the followers a duplicate brings, the reporter who answers by button.</summary>
public sealed class TeamsLoopClosingTests
{
    private const string ThirdConsumerAad = "aad-consumer-3";

    private static Task VoteAsync(BotApplication bot, string shortId, string fromAad) =>
        bot.SendTeamsAsync(TeamsActivities.Execute(bot, "feedback.vote", new JsonObject { ["shortId"] = shortId }, fromAad));

    private static Task<RecordedRequest> WaitForPersonalMessageToAsync(BotApplication bot, string aad, string text) =>
        bot.Teams.WaitForAsync(r => r.Method == "POST" && r.Path.Contains($"personal-{aad}") && r.Body.Contains(text), $"{aad} told \"{text}\"");

    [Fact]
    public async Task A_voter_hears_the_change_with_the_pms_note_once_and_finds_the_report_in_mine()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.WaitForTriageCardAsync("FB-1001");
        await VoteAsync(bot, "FB-1001", TeamsFeedbackKit.OtherConsumerAad);

        await bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1001", ["priority"] = "P2", ["note"] = "The fix lands in 2.4." });
        var voterTold = await WaitForPersonalMessageToAsync(bot, TeamsFeedbackKit.OtherConsumerAad, "A report you follow: FB-1001 was accepted (high priority)");
        var reporterTold = await bot.WaitForPersonalMessageAsync("Your report FB-1001 was accepted (high priority)");
        await bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1001", ["priority"] = "P1" });
        var seen = bot.Teams.Requests.ToHashSet(ReferenceEqualityComparer.Instance);
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "mine", TeamsFeedbackKit.OtherConsumerAad));
        var mine = await bot.Teams.WaitForAsync(r => !seen.Contains(r) && r.Body.Contains("Your reports"), "the voter's list");

        Assert.Contains("The fix lands in 2.4.", voterTold.Body);
        Assert.Contains("The fix lands in 2.4.", reporterTold.Body);
        Assert.DoesNotContain("P2", voterTold.Body);
        Assert.Single(bot.Teams.Requests, r => r.Body.Contains("A report you follow: FB-1001"));
        Assert.Contains("FB-1001", mine.Body);
        Assert.Contains("Pagination skips page 2", mine.Body);
    }

    [Fact]
    public async Task A_duplicates_reporter_and_voters_follow_the_original_and_hear_when_it_changes()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Refunds time out", "POST /v2/refunds never answers."));
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Webhook retries stop after one", "Only one delivery attempt is made."), TeamsFeedbackKit.OtherConsumerAad);
        await bot.WaitForTriageCardAsync("FB-1002");
        await VoteAsync(bot, "FB-1002", ThirdConsumerAad);

        await bot.TriageAsync("feedback.duplicate", new JsonObject { ["shortId"] = "FB-1002", ["duplicateOf"] = "FB-1001" });
        await bot.TriageAsync("feedback.decline", new JsonObject { ["shortId"] = "FB-1001", ["reason"] = "Timeouts were the load balancer; fixed in 2.3." });

        var duplicateReporter = await WaitForPersonalMessageToAsync(bot, TeamsFeedbackKit.OtherConsumerAad, "A report you follow: FB-1001 was declined");
        var duplicateVoter = await WaitForPersonalMessageToAsync(bot, ThirdConsumerAad, "A report you follow: FB-1001 was declined");
        Assert.Contains("fixed in 2.3.", duplicateReporter.Body);
        Assert.Contains("fixed in 2.3.", duplicateVoter.Body);
        Assert.Single(bot.Teams.Requests, r => r.Path.Contains($"personal-{ThirdConsumerAad}") && r.Body.Contains("FB-1001 was declined"));
    }

    [Fact]
    public async Task The_answer_button_on_the_question_stores_the_answer()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.WaitForTriageCardAsync("FB-1001");
        await bot.TriageAsync("feedback.needsInfo", new JsonObject { ["shortId"] = "FB-1001", ["question"] = "Which page size do you use?" });
        var asked = await bot.WaitForPersonalMessageAsync("Which page size do you use?");

        await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "feedback.answer", new JsonObject { ["shortId"] = "FB-1001", ["answer"] = "roadmap pages of 50" }));

        await bot.Teams.WaitForAsync(r => r.Path.Contains("triage") && r.Body.Contains("roadmap pages of 50"), "the answer on the triage thread");
        var stored = (await bot.Services.GetRequiredService<IReportStore>().GetAsync($"teams:{BotApplication.TenantId}", "FB-1001", default))!.Report;
        Assert.Contains("feedback.answer", asked.Body);
        Assert.Equal(ReportStatus.New, stored.Status);
        Assert.Contains(stored.History, e => e.Text == "Answered: roadmap pages of 50");
    }

    [Fact]
    public async Task After_accept_the_card_still_works_released_and_reopened_reach_reporter_and_voter_and_every_pm_sees_the_card()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.WaitForTriageCardAsync("FB-1001");
        await VoteAsync(bot, "FB-1001", TeamsFeedbackKit.OtherConsumerAad);

        var accepted = await bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1001", ["priority"] = "P3" });
        var shared = await bot.Teams.WaitForAsync(r => r.Method == "PUT" && r.Body.Contains("Accepted as P3"), "the shared triage card updated for everyone");
        var noVersion = await bot.TriageAsync("feedback.progress", new JsonObject { ["shortId"] = "FB-1001", ["stage"] = "Released" });
        var released = await bot.TriageAsync("feedback.progress",
            new JsonObject { ["shortId"] = "FB-1001", ["stage"] = "Released", ["version"] = "2.4.0", ["note"] = "Page 2 is page 2 again." });
        var voterTold = await WaitForPersonalMessageToAsync(bot, TeamsFeedbackKit.OtherConsumerAad, "A report you follow: FB-1001 is released in version 2.4.0");
        var reporterTold = await bot.WaitForPersonalMessageAsync("Your report FB-1001 is released in version 2.4.0");
        var reopened = await bot.TriageAsync("feedback.reopen", new JsonObject { ["shortId"] = "FB-1001", ["note"] = "It is back on page 5." });
        await bot.WaitForPersonalMessageAsync("Your report FB-1001 was reopened");

        Assert.Contains("feedback.progress", accepted["value"]!.ToJsonString());
        Assert.Contains("Accepted as P3", shared.Body);
        Assert.Contains("Name the version", noVersion.ToJsonString());
        Assert.Contains("Released in 2.4.0: Page 2 is page 2 again.", released["value"]!.ToJsonString());
        Assert.Contains("feedback.reopen", released["value"]!.ToJsonString());
        Assert.Contains("Page 2 is page 2 again.", voterTold.Body);
        Assert.Contains("Page 2 is page 2 again.", reporterTold.Body);
        Assert.Contains("feedback.accept", reopened["value"]!.ToJsonString());
        var stored = (await bot.Services.GetRequiredService<IReportStore>().GetAsync($"teams:{BotApplication.TenantId}", "FB-1001", default))!.Report;
        Assert.Equal(ReportStatus.New, stored.Status);
        Assert.Contains(stored.History, e => e.Text == "Reopened: It is back on page 5.");
    }

    [Fact]
    public async Task A_question_is_answered_and_closed_without_a_priority()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        var question = TeamsFeedbackKit.BugForm("Is there a sandbox for refunds?", "We want to test refunds without real money.", "");
        question["kind"] = "Question";
        await bot.SubmitReportAsync(question);
        await bot.WaitForTriageCardAsync("FB-1001");

        var answered = await bot.TriageAsync("feedback.progress",
            new JsonObject { ["shortId"] = "FB-1001", ["stage"] = "Answered", ["note"] = "Yes: sandbox.example.com takes test cards." });
        var told = await bot.WaitForPersonalMessageAsync("Your report FB-1001 is answered");

        Assert.Contains("Answered: Yes: sandbox.example.com", answered["value"]!.ToJsonString());
        Assert.Contains("sandbox.example.com takes test cards.", told.Body);
        var stored = (await bot.Services.GetRequiredService<IReportStore>().GetAsync($"teams:{BotApplication.TenantId}", "FB-1001", default))!.Report;
        Assert.Equal(ReportStatus.Answered, stored.Status);
        Assert.Equal(Priority.None, stored.Priority);
    }
}
