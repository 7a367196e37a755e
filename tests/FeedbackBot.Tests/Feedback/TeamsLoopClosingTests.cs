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
}
