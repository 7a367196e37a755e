using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Feedback;

/// <summary>Report, triage and tell the reporter, on Slack, end to end through signed requests, Azurite and the fake Web API.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SlackFeedbackLoopTests
{
    private const string TriageChannel = "CTRIAGE";
    private static string Tenant => $"slack:{SlackRequests.Team}";

    private static readonly Dictionary<string, string> Bug = new()
    {
        ["api"] = "payments", ["kind"] = "Bug", ["title"] = "Pagination skips page 2", ["details"] = "page=2 returns page 3", ["impact"] = "Blocking",
    };

    private static async Task<RecordedRequest> ReportThroughTheModalAsync(BotApplication bot, Dictionary<string, string> values)
    {
        await bot.SendSlackCommandAsync("report", SlackRequests.Consumer, $"D{SlackRequests.Consumer}");
        var view = (await bot.Slack.WaitForCallAsync("views.open")).Json!["view"]!.AsObject();
        await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(view, values, SlackRequests.Consumer));
        return await bot.Slack.WaitForAsync(r => r.Path == "/api/chat.postMessage" && (string?)r.Json!["channel"] == TriageChannel && r.VisibleText().Contains("FB-1001"),
            "the triage card in the triage channel");
    }

    private static JsonObject Click(RecordedRequest card, string verb, string input, JsonObject typed)
    {
        var button = SlackTestKit.Button(card.Blocks(), verb);
        var click = SlackRequests.BlockAction((string)button["action_id"]!, (string)button["value"]!, SlackRequests.ProductManager, TriageChannel, "1700000000.000900");
        click["state"] = new JsonObject { ["values"] = new JsonObject { [input] = new JsonObject { ["input"] = typed } } };
        return click;
    }

    [Fact]
    public async Task The_whole_loop_on_slack_report_triage_card_accept_and_the_reporter_hears()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SendSlackCommandAsync("triage here payments", SlackRequests.ProductManager, TriageChannel);
        await bot.WaitForMessageAsync(t => t.Contains("From now on"), "the triage channel confirmed");

        var triageCard = await ReportThroughTheModalAsync(bot, Bug);
        await bot.WaitForMessageAsync(t => t.Contains("Your report") && t.Contains("FB-1001") || t.Contains("FB-1001") && t.Contains("is in"), "the confirmation to the reporter");
        await bot.SendSlackInteractionAsync(Click(triageCard, "feedback.accept", "priority",
            new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "P2" } }));

        var update = await bot.Slack.WaitForCallAsync("chat.update", j => (string?)j["channel"] == TriageChannel, "the triage card updated in place");
        await bot.Slack.WaitForCallAsync("conversations.open", j => j.ToJsonString().Contains(SlackRequests.Consumer), "the reporter's DM opened");
        var told = await bot.WaitForMessageAsync(t => t.Contains("was accepted (high priority)"), "the reporter told");

        Assert.Contains("Accepted as P2", update.VisibleText());
        Assert.DoesNotContain(update.Blocks(), b => b!.ToJsonString().Contains("feedback.accept|"));
        Assert.Contains("Pagination skips page 2", told.VisibleText());
        Assert.Contains("Impact: Blocking", triageCard.VisibleText());
    }

    [Fact]
    public async Task Decline_from_slack_carries_the_typed_reason_to_the_reporter()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SendSlackCommandAsync("triage here payments", SlackRequests.ProductManager, TriageChannel);
        var triageCard = await ReportThroughTheModalAsync(bot, Bug);

        await bot.SendSlackInteractionAsync(Click(triageCard, "feedback.decline", "reason",
            new JsonObject { ["type"] = "plain_text_input", ["value"] = "Works as designed since 2.3 <!channel>" }));

        var told = await bot.WaitForMessageAsync(t => t.Contains("was declined"), "the reporter told");
        Assert.Contains("&lt;!channel&gt;", told.Body.Replace("\\u0026", "&").Replace("\\u003C", "<").Replace("\\u003E", ">"));
        var stored = (await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1001", default))!.Report;
        Assert.Equal(ReportStatus.Declined, stored.Status);
    }

    [Fact]
    public async Task A_consumer_clicking_a_slack_triage_button_is_refused_privately_and_nothing_changes()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SendSlackCommandAsync("triage here payments", SlackRequests.ProductManager, TriageChannel);
        var triageCard = await ReportThroughTheModalAsync(bot, Bug);
        var click = Click(triageCard, "feedback.accept", "priority", new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "P1" } });
        click["user"]!["id"] = "UNOBODY";

        await bot.SendSlackInteractionAsync(click);

        var refusal = await bot.Slack.WaitForCallAsync("chat.postEphemeral", j => j.ToJsonString().Contains("Only the product managers"), "a private refusal");
        Assert.Equal("UNOBODY", (string?)refusal.Json!["user"]);
        Assert.Equal(ReportStatus.New, (await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1001", default))!.Report.Status);
        Assert.Empty(bot.Slack.Calls("chat.update"));
    }

    [Fact]
    public async Task A_report_from_another_workspace_cannot_be_triaged_from_here()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SendSlackCommandAsync("triage here payments", SlackRequests.ProductManager, TriageChannel);
        var triageCard = await ReportThroughTheModalAsync(bot, Bug);
        var forged = Click(triageCard, "feedback.accept", "priority", new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "P1" } });
        forged["team"]!["id"] = "T0OTHER";
        forged["user"]!["team_id"] = "T0OTHER";

        await bot.SendSlackInteractionAsync(forged);

        await bot.Slack.WaitForCallAsync("chat.postEphemeral", j => j.ToJsonString().Contains("There is no report FB-1001 here"), "the forged click answered");
        Assert.Equal(ReportStatus.New, (await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1001", default))!.Report.Status);
    }

    [Fact]
    public async Task On_slack_an_answer_to_a_waiting_question_that_starts_with_a_command_word_is_stored_as_the_answer()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SendSlackCommandAsync("triage here payments", SlackRequests.ProductManager, TriageChannel);
        var triageCard = await ReportThroughTheModalAsync(bot, Bug);
        await bot.SendSlackInteractionAsync(Click(triageCard, "feedback.needsInfo", "question",
            new JsonObject { ["type"] = "plain_text_input", ["value"] = "Which status code do you get?" }));
        await bot.WaitForMessageAsync(t => t.Contains("Which status code do you get?") && !t.Contains("Asked:"), "the question in the reporter's DM");

        await bot.SendSlackEventAsync(SlackRequests.Event(SlackRequests.DirectMessage("status 500 on every second page")));

        await bot.WaitForMessageAsync(t => t.Contains("Your answer is with the product managers"), "the reporter thanked");
        var stored = (await bot.Services.GetRequiredService<IReportStore>().GetAsync(Tenant, "FB-1001", default))!.Report;
        Assert.Equal(ReportStatus.New, stored.Status);
        Assert.Contains(stored.History, e => e.Text == "Answered: status 500 on every second page");
    }

    [Fact]
    public async Task On_slack_a_voter_hears_the_decision_in_their_dm_once()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SendSlackCommandAsync("triage here payments", SlackRequests.ProductManager, TriageChannel);
        var triageCard = await ReportThroughTheModalAsync(bot, Bug);
        await bot.SendSlackInteractionAsync(SlackRequests.BlockAction("feedback.vote|0", """{"shortId":"FB-1001"}""", "UVOTER", "DUVOTER"));
        await bot.WaitForMessageAsync(t => t.Contains("Your +1 on FB-1001 is counted"), "the vote counted");

        await bot.SendSlackInteractionAsync(Click(triageCard, "feedback.decline", "reason",
            new JsonObject { ["type"] = "plain_text_input", ["value"] = "Page 3 is right since 2.3" }));

        var told = await bot.Slack.WaitForCallAsync("chat.postMessage",
            j => (string?)j["channel"] == "DUVOTER" && SlackTestKit.VisibleText(j).Contains("A report you follow: FB-1001 was declined"), "the voter told");
        Assert.Contains("Page 3 is right since 2.3", told.VisibleText());
        Assert.Single(bot.Slack.Calls("chat.postMessage"), c => c.VisibleText().Contains("A report you follow: FB-1001"));
    }
}
