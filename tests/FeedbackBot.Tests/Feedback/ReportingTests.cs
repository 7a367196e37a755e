using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Feedback;

/// <summary>The consumer's side: quick text, the similar-report offer and +1, mine and status, and bad input.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ReportingTests
{
    private static string Tenant => $"teams:{BotApplication.TenantId}";

    [Fact]
    public async Task A_similar_open_report_is_offered_and_a_plus_one_counts_instead_of_a_new_report()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SetTriageChannelAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.WaitForTriageCardAsync("FB-1001");

        var offer = await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Page 2 skipped when paginating payments"), TeamsFeedbackKit.OtherConsumerAad);
        var draftId = offer["value"]!.ToJsonString().Split("\"draftId\":\"")[1].Split('"')[0];
        var vote = new JsonObject { ["shortId"] = "FB-1001", ["draftId"] = draftId, ["comment"] = "Same here, page size 50" };
        var counted = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "feedback.vote", vote, TeamsFeedbackKit.OtherConsumerAad));
        var again = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "feedback.vote", vote.DeepClone().AsObject(), TeamsFeedbackKit.OtherConsumerAad));

        Assert.Contains("Is it one of these?", offer["value"]!.ToJsonString());
        Assert.Contains("FB-1001", offer["value"]!.ToJsonString());
        var stored = (await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1001", default))!.Report;
        Assert.Equal(1, stored.Votes);
        Assert.Contains(stored.History, e => e.Text == "+1: Same here, page size 50");
        Assert.Null(await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1002", default));
        Assert.NotNull(again);
        await bot.Teams.WaitForAsync(r => r.Body.Contains("You had already +1'd FB-1001"), "the second +1 refused");
        Assert.Contains("1 vote", await counted.Content.ReadAsStringAsync() + string.Join("", bot.Teams.Requests.Select(r => r.Body)));
        await bot.Teams.WaitForAsync(r => r.Method == "PUT" && r.Body.Contains("FB-1001") && r.Body.Contains("\"value\":\"1\""), "the triage card redrawn with 1 vote");
    }

    [Fact]
    public async Task Concurrent_plus_ones_by_different_people_are_all_counted_once()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => bot.SendTeamsAsync(
            TeamsActivities.Execute(bot, "feedback.vote", new JsonObject { ["shortId"] = "FB-1001", ["draftId"] = "" }, $"aad-voter-{i % 3}"))));

        var stored = (await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1001", default))!.Report;
        Assert.Equal(3, stored.Votes);
    }

    [Fact]
    public async Task No_thanks_files_the_report_after_all()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        var offer = await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Pagination skips page 2 on refunds"), TeamsFeedbackKit.OtherConsumerAad);
        var draftId = offer["value"]!.ToJsonString().Split("\"draftId\":\"")[1].Split('"')[0];

        var filed = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "feedback.fileNew", new JsonObject { ["draftId"] = draftId }, TeamsFeedbackKit.OtherConsumerAad));
        var replay = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "feedback.fileNew", new JsonObject { ["draftId"] = draftId }, TeamsFeedbackKit.OtherConsumerAad));

        Assert.Contains("FB-1002", await filed.Content.ReadAsStringAsync());
        Assert.Contains("already filed, or waited too long", await replay.Content.ReadAsStringAsync());
        Assert.Null(await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1003", default));
    }

    [Fact]
    public async Task Quick_text_with_a_clear_kind_files_at_once_and_an_unclear_one_asks_one_question()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "report payments: pagination skips page 2"));
        await bot.Teams.WaitForAsync(r => r.Body.Contains("FB-1001"), "the confirmation of the quick bug");
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "report payments: refunds in another currency"));
        var question = await bot.Teams.WaitForAsync(r => r.Body.Contains("bug, a feature request, a question or praise"), "the one question");
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "no idea"));
        await bot.Teams.WaitForAsync(r => r.Body.Contains("Sorry, which one"), "the question asked again, never a dead end");
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "feature request"));
        await bot.Teams.WaitForAsync(r => r.Body.Contains("FB-1002"), "the confirmation of the feature request");

        var store = bot.Services.GetRequiredService<IReportStore>();
        Assert.Equal(FeedbackKind.Bug, (await store.GetAsync(Tenant, "FB-1001", default))!.Report.Kind);
        Assert.Equal(FeedbackKind.FeatureRequest, (await store.GetAsync(Tenant, "FB-1002", default))!.Report.Kind);
        Assert.NotNull(question);
    }

    [Fact]
    public async Task Mine_lists_only_my_reports_and_status_shows_history()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Webhooks arrive twice", "Each event is delivered two times."), TeamsFeedbackKit.OtherConsumerAad);

        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "mine"));
        var mine = await bot.Teams.WaitForAsync(r => r.Body.Contains("Your reports"), "my reports");
        var status = await bot.StatusTextAsync("FB-1001");

        Assert.Contains("FB-1001", mine.Body);
        Assert.DoesNotContain("FB-1002", mine.Body);
        Assert.Contains("Reported", status);
        Assert.Contains("Pagination skips page 2", status);
    }

    [Fact]
    public async Task An_empty_form_gets_field_errors_and_stores_nothing()
    {
        await using var bot = await BotApplication.StartAsync();

        var body = await bot.SubmitReportAsync(new JsonObject { ["sourceLink"] = "" });

        var card = body["value"]!.ToJsonString();
        Assert.Contains("Pick the API this is about.", card);
        Assert.Contains("Give it a one-line title.", card);
        Assert.Null(await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1001", default));
    }

    [Fact]
    public async Task Oversized_details_are_refused_with_the_numbers_and_nothing_is_stored()
    {
        await using var bot = await BotApplication.StartAsync();

        var body = await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm(details: new string('x', 40_000)));

        Assert.Contains("At most 4,000 characters, please (this has 40,000)", body["value"]!.ToJsonString());
        Assert.Null(await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1001", default));
    }

    [Fact]
    public async Task A_forged_action_naming_another_tenants_report_changes_nothing()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Roles:ProductManagers:2"] = "teams:aad-pm-elsewhere");
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());

        var forged = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "feedback.decline",
            new JsonObject { ["shortId"] = "FB-1001", ["reason"] = "gotcha" }, "aad-pm-elsewhere", tenantId: "tenant-evil"));

        Assert.Contains("There is no report FB-1001 here", await forged.Content.ReadAsStringAsync());
        Assert.Equal(ReportStatus.New, (await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1001", default))!.Report.Status);
    }

    [Fact]
    public async Task An_action_on_a_deleted_report_is_answered_clearly()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
        await bot.Services.GetRequiredService<IReportStore>().DeleteAsync(Tenant, "FB-1001", default);

        var click = await bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1001", ["priority"] = "P1" });

        Assert.Contains("no report FB-1001 here any more", click["value"]!.ToString());
    }

    [Fact]
    public async Task A_triage_click_with_malformed_data_is_answered_and_changes_nothing()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());

        var noId = await bot.TriageAsync("feedback.accept", new JsonObject { ["priority"] = "P1" });
        var badPriority = await bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1001", ["priority"] = "P9" });
        var emptyReason = await bot.TriageAsync("feedback.decline", new JsonObject { ["shortId"] = "FB-1001", ["reason"] = "   " });

        Assert.Contains("no report named on that button", noId["value"]!.ToString());
        Assert.Contains("Pick a priority", badPriority["value"]!.ToString());
        Assert.Contains("reason is empty", emptyReason["value"]!.ToString());
        Assert.Equal(ReportStatus.New, (await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1001", default))!.Report.Status);
    }
}
