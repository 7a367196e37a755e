using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Teams;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Bot.Schema.Teams;

namespace FeedbackBot.Tests.Teams;

/// <summary>"Report as API feedback" on a Teams message: a dialog with the report form, prefilled; what follows goes to the personal chat.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TeamsMessageActionTests
{
    private const string Html = "<p>Can invoices be sent in <b>French</b>?</p><p>Our customers in Qu&eacute;bec keep asking &amp; the docs only show English.</p>";
    private const string PlainText = "Can invoices be sent in French?\nOur customers in Québec keep asking & the docs only show English.";
    private const string Link = "https://teams.microsoft.com/l/message/19:channel@thread.tacv2/1732440600000?groupId=g1&parentMessageId=1732440600000";

    private static JsonObject Inputs(JsonObject card) => new(card["body"]!.AsArray().OfType<JsonObject>()
        .Where(e => ((string?)e["type"])!.StartsWith("Input.", StringComparison.Ordinal))
        .Select(e => KeyValuePair.Create((string)e["id"]!, e["value"]?.DeepClone())));

    private static async Task<JsonObject> SendAsync(BotApplication bot, JsonObject activity)
    {
        var response = await bot.SendTeamsAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject();
    }

    private static JsonObject DialogCard(JsonObject response)
    {
        Assert.Equal("continue", (string?)response["task"]!["type"]);
        Assert.Equal(TeamsReplies.AdaptiveCardType, (string?)response["task"]!["value"]!["card"]!["contentType"]);
        return response["task"]!["value"]!["card"]!["content"]!.AsObject();
    }

    [Fact]
    public async Task Fetching_the_action_opens_the_report_form_prefilled_with_the_message_and_its_link()
    {
        await using var bot = await BotApplication.StartAsync();

        var response = await SendAsync(bot, TeamsActivities.MessageAction(bot, Html, Link));

        var value = response["task"]!["value"]!;
        Assert.Equal("Report feedback", (string?)value["title"]);
        var card = DialogCard(response);
        Assert.Equal(PlainText, (string?)Inputs(card)["details"]);
        Assert.Contains(card["body"]!.AsArray(), e => ((string?)e!["text"])?.Contains($"]({Link})") == true);
        var send = Assert.Single(card["actions"]!.AsArray());
        Assert.Equal("Action.Submit", (string?)send!["type"]);
        Assert.Equal("feedback.submit", (string?)send["data"]!["verb"]);
        Assert.Equal(Link, (string?)send["data"]!["sourceLink"]);
        Assert.DoesNotContain("Action.Execute", card.ToJsonString());
        Assert.Empty(bot.Teams.Requests);
    }

    [Fact]
    public async Task A_submitted_form_with_errors_is_redrawn_in_the_dialog()
    {
        await using var bot = await BotApplication.StartAsync();
        var data = new JsonObject { ["verb"] = "feedback.submit", ["sourceLink"] = Link, ["api"] = "payments", ["kind"] = "", ["title"] = "", ["details"] = PlainText };

        var response = await SendAsync(bot, TeamsActivities.MessageAction(bot, Html, Link, data));

        var card = DialogCard(response);
        Assert.Contains("Give it a one-line title.", card.ToJsonString());
        Assert.Equal(PlainText, (string?)Inputs(card)["details"]);
        Assert.Equal("Action.Submit", (string?)card["actions"]![0]!["type"]);
        Assert.Empty(bot.Teams.Requests);
    }

    [Fact]
    public async Task A_submitted_report_closes_the_dialog_and_confirms_in_the_personal_chat_not_the_channel()
    {
        await using var bot = await BotApplication.StartAsync();
        var data = new JsonObject
        {
            ["verb"] = "feedback.submit", ["sourceLink"] = Link, ["api"] = "payments", ["kind"] = "Question",
            ["title"] = "Invoices in French", ["details"] = PlainText, ["impact"] = "", ["requestId"] = "", ["endpoint"] = "",
        };

        var response = await SendAsync(bot, TeamsActivities.MessageAction(bot, Html, Link, data));

        Assert.Empty(response);
        var created = Assert.Single(bot.Teams.Created);
        Assert.Equal([$"29:{BotApplication.ConsumerAad}"], created.Members);
        var confirmation = await bot.Teams.WaitForAsync(r => r.Method == "POST" && r.Path.StartsWith($"/v3/conversations/{created.Id}/"), "the confirmation in the personal chat");
        Assert.Contains("Invoices in French", confirmation.Body);
        Assert.DoesNotContain(bot.Teams.Requests, r => r.Path.Contains("19:channel@thread.tacv2"));
    }

    [Fact]
    public async Task An_unknown_command_answers_with_a_message_in_the_dialog()
    {
        await using var bot = await BotApplication.StartAsync();

        var response = await SendAsync(bot, TeamsActivities.MessageAction(bot, Html, Link, commandId: "launchRockets"));

        Assert.Equal("message", (string?)response["task"]!["type"]);
        Assert.Contains("launchRockets", (string?)response["task"]!["value"]);
    }

    [Fact]
    public void The_manifest_offers_exactly_the_message_action_the_bot_handles()
    {
        static JsonNode Read(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "manifests", "teams", file)))!;

        var offered = Read("manifest.json")["composeExtensions"]!.AsArray().SelectMany(e => e!["commands"]!.AsArray()).Select(c => (string?)c!["id"]);
        var known = Read("commands.json")["messageActions"]!.AsArray().Select(a => (string?)a!["id"]);

        Assert.Equal([TeamsMessageAction.ReportMessageCommand], offered);
        Assert.Equal([TeamsMessageAction.ReportMessageCommand], known);
    }

    [Fact]
    public void Message_html_becomes_the_text_a_reader_sees()
    {
        var body = new MessageActionsPayloadBody("html", "<div><at>Pat</at>&nbsp;the&nbsp;<i>refund</i> call fails<br>with a 500</div><div><br></div><div>req_7&lt;Hq&gt;</div>");

        Assert.Equal("Pat the refund call fails\nwith a 500\n\nreq_7<Hq>", TeamsTaskModules.PlainText(body));
        Assert.Equal("just text", TeamsTaskModules.PlainText(new MessageActionsPayloadBody("text", " just text ")));
        Assert.Equal("", TeamsTaskModules.PlainText(null));
    }

    [Fact]
    public void Every_execute_action_at_any_depth_becomes_a_submit_carrying_its_verb()
    {
        var card = JsonNode.Parse("""
            { "type": "AdaptiveCard", "body": [ { "type": "ActionSet", "actions": [ { "type": "Action.Execute", "verb": "a.one", "title": "One", "data": { "x": "1" } } ] } ],
              "actions": [ { "type": "Action.ShowCard", "card": { "actions": [ { "type": "Action.Execute", "verb": "a.two", "title": "Two" } ] } },
                           { "type": "Action.OpenUrl", "url": "https://example.com" } ] }
            """)!.AsObject();

        var rewritten = TeamsTaskModules.WithSubmitActions(card);

        var one = rewritten["body"]![0]!["actions"]![0]!;
        Assert.Equal("Action.Submit", (string?)one["type"]);
        Assert.Equal("""{"verb":"a.one","x":"1"}""", one["data"]!.ToJsonString());
        Assert.Null(one["verb"]);
        Assert.Equal("""{"verb":"a.two"}""", rewritten["actions"]![0]!["card"]!["actions"]![0]!["data"]!.ToJsonString());
        Assert.Equal("Action.OpenUrl", (string?)rewritten["actions"]![1]!["type"]);
        Assert.Equal("Action.Execute", (string?)card["body"]![0]!["actions"]![0]!["type"]);
    }
}
