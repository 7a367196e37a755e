using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using BlockKitWriter = FeedbackBot.Slack.BlockKitWriter;

namespace FeedbackBot.Tests.Surveys;

/// <summary>
/// Surveys on Slack: <c>/feedback survey new custom</c> opens a modal, the survey goes to the channel as one message,
/// a click answers the first question and opens the other questions in a modal, which refuses a missing required answer.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SlackCustomSurveyTests
{
    private static string Tenant => $"slack:{SlackRequests.Team}";

    private static readonly Dictionary<string, string> NewSurvey = new()
    {
        ["template"] = "custom", ["title"] = "Sandbox check-in", ["api"] = "payments", ["audience"] = "channel",
        ["questions"] = "* How useful is the sandbox? | rating 1-5\n* Which environment do you test in? | single: Sandbox, Staging, Production\nWhich SDKs do you use? | multiple: C#, Java, Python\nAnything else? | text",
        ["closesDays"] = "7",
    };

    private static async Task<JsonObject> OpenNewSurveyModalAsync(BotApplication bot)
    {
        await bot.SendSlackCommandAsync("survey new custom", user: SlackRequests.ProductManager);
        return (await bot.Slack.WaitForCallAsync("views.open")).Json!["view"]!.AsObject();
    }

    private static async Task<JsonObject> Json(HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject) ?? [];

    /// <summary>A submission of <paramref name="view"/> whose multi-select <paramref name="multiId"/> has <paramref name="picked"/> selected.</summary>
    private static JsonObject WithMultiSelect(JsonObject submission, string multiId, params string[] picked)
    {
        submission["view"]!["state"]!["values"]![multiId] = new JsonObject
        {
            [BlockKitWriter.InputActionId] = new JsonObject
            {
                ["type"] = "multi_static_select",
                ["selected_options"] = new JsonArray(picked.Select(p => (JsonNode)new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = p }, ["value"] = p }).ToArray()),
            },
        };
        return submission;
    }

    [Fact]
    public async Task A_custom_survey_made_in_the_modal_is_answered_in_the_channel_and_a_missing_required_answer_keeps_the_modal_open()
    {
        await using var bot = await BotApplication.StartAsync();
        var store = bot.Services.GetRequiredService<ISurveyStore>();

        var form = await OpenNewSurveyModalAsync(bot);
        Assert.Equal(SurveyVerbs.Create, (string?)form["callback_id"]);
        BlockKitLimits.AssertModal(form);

        var wrong = await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(form, new Dictionary<string, string>(NewSurvey) { ["questions"] = "Only one option? | single: Yes" }));
        var errors = await Json(wrong);
        Assert.Equal("errors", (string?)errors["response_action"]);
        Assert.Contains("2 to 10 options", (string?)errors["errors"]!["questions"]);
        Assert.Empty(await store.ListAsync(Tenant, default));

        var created = await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(form, NewSurvey));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("clear", (string?)(await Json(created))["response_action"]);
        var card = await bot.WaitForMessageAsync(t => t.Contains("How useful is the sandbox?"), "the survey in the channel");
        Assert.Equal(SlackRequests.Channel, (string?)card.Json!["channel"]);
        Assert.DoesNotContain("One at a time in chat", card.VisibleText());

        // A click on 4 records the first answer and opens every question in a modal, from that click's trigger.
        var four = card.Blocks().OfType<JsonObject>().Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>())
            .Single(e => (string?)e["text"]?["text"] == "4");
        var opensBefore = bot.Slack.Calls("views.open").Count;
        await bot.SendSlackInteractionAsync(SlackRequests.BlockAction((string)four["action_id"]!, (string)four["value"]!));
        await Eventually.WaitUntilAsync(() => bot.Slack.Calls("views.open").Count > opensBefore, "the form to open");
        var modal = bot.Slack.Calls("views.open")[^1].Json!["view"]!.AsObject();
        Assert.Equal(SurveyVerbs.Submit, (string?)modal["callback_id"]);
        BlockKitLimits.AssertModal(modal);
        Assert.Equal("4", (string?)modal["blocks"]!.AsArray().Single(b => (string?)b?["block_id"] == "q1")!["element"]!["initial_option"]!["value"]);

        var missing = await bot.SendSlackInteractionAsync(WithMultiSelect(
            SlackRequests.ViewSubmission(modal, new Dictionary<string, string> { ["q4"] = "Make resets faster" }, user: SlackRequests.Consumer), "q3", "Java"));
        var missingBody = await Json(missing);
        Assert.Equal("errors", (string?)missingBody["response_action"]);
        Assert.Equal("This question needs an answer.", (string?)missingBody["errors"]!["q2"]);
        var response = await store.GetResponseAsync(Tenant, "SV-101-1", $"slack:{SlackRequests.Consumer}", default);
        Assert.Equal(new Dictionary<string, string> { ["q1"] = "4" }, response!.Answers);

        var done = await bot.SendSlackInteractionAsync(WithMultiSelect(
            SlackRequests.ViewSubmission(modal, new Dictionary<string, string> { ["q2"] = "Staging", ["q4"] = "Make resets faster" }, user: SlackRequests.Consumer), "q3", "Java", "Python"));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        response = await store.GetResponseAsync(Tenant, "SV-101-1", $"slack:{SlackRequests.Consumer}", default);
        Assert.Equal(new Dictionary<string, string> { ["q1"] = "4", ["q2"] = "Staging", ["q3"] = "Java,Python", ["q4"] = "Make resets faster" }, response!.Answers);

        await bot.SendSlackCommandAsync("survey results SV-101", user: SlackRequests.ProductManager);
        var results = await bot.WaitForMessageAsync(t => t.Contains("Results: Sandbox check-in"), "the results");
        Assert.Contains("Make resets faster", results.VisibleText());
        Assert.Contains("Sandbox: 0 · Staging: 1 · Production: 0 (1 answer)", results.VisibleText());
    }

    [Fact]
    public async Task A_consumer_answers_one_question_at_a_time_in_their_direct_messages()
    {
        await using var bot = await BotApplication.StartAsync();
        var store = bot.Services.GetRequiredService<ISurveyStore>();
        // The consumer reports a bug on the Payments API, which makes them one of its consumers.
        await bot.SendSlackCommandAsync("report", SlackRequests.Consumer, $"D{SlackRequests.Consumer}");
        var report = (await bot.Slack.WaitForCallAsync("views.open")).Json!["view"]!.AsObject();
        await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(report, new Dictionary<string, string>
        {
            ["api"] = "payments", ["kind"] = "Bug", ["title"] = "Pagination skips page 2", ["details"] = "page=2 returns page 3", ["impact"] = "Blocking",
        }, SlackRequests.Consumer));
        await bot.WaitForMessageAsync(t => t.Contains("FB-1001"), "the report's confirmation");

        await bot.SendSlackCommandAsync("survey new nps payments consumers", user: SlackRequests.ProductManager);
        var invitation = await bot.WaitForMessageAsync(t => t.Contains("recommend the Payments API"), "the survey in the consumer's DM");
        Assert.Equal($"D{SlackRequests.Consumer}", (string?)invitation.Json!["channel"]);

        var chat = SlackTestKit.Button(invitation.Blocks(), SurveyVerbs.Chat);
        await bot.SendSlackInteractionAsync(SlackRequests.BlockAction((string)chat["action_id"]!, (string)chat["value"]!, channel: $"D{SlackRequests.Consumer}"));
        await bot.WaitForMessageAsync(t => t.Contains("Question 1 of 2: How likely are you to recommend"), "the first question");

        async Task<string> SayAsync(string text) =>
            (await bot.SayInSlackAsync(SlackRequests.Event(SlackRequests.DirectMessage(text)), r => r.Path == "/api/chat.postMessage",
                $"the answer to {text}")).VisibleText();

        Assert.Contains("Give a whole number from 0 to 10.", await SayAsync("11"));
        Assert.Contains("Question 2 of 2 (optional", await SayAsync("10"));
        Assert.Contains("that was the last question", await SayAsync("The docs are great"));
        var response = await store.GetResponseAsync(Tenant, "SV-101-1", $"slack:{SlackRequests.Consumer}", default);
        Assert.Equal(new Dictionary<string, string> { ["q1"] = "10", ["q2"] = "The docs are great" }, response!.Answers);
    }
}
