using System.Text.Json.Nodes;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Slack;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Slack;

/// <summary>
/// Input.Date as a datepicker and a multi-select Input.ChoiceSet as a multi_static_select, drawn in the release form's
/// modal and read back from a view_submission the way the card would have submitted them.
/// </summary>
public sealed class DateAndMultiSelectTests
{
    private static readonly CardTemplates Cards = CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards"));

    private static JsonObject Modal(string dataFile = "release-form.data.json") =>
        BlockKitRenderer.Modal(
            new Reply.Form(Cards.Expand("release-form", JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "cards", dataFile)))),
                "Release Payments API 2.4", "release.publish", new CardAction("release.open", [])),
            SlackRequests.Channel, ConversationKind.Channel);

    private static List<JsonObject> Inputs(JsonObject view) =>
        view["blocks"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["type"] == "input").ToList();

    private static JsonObject Input(JsonObject view, string id) => Inputs(view).Single(i => (string?)i["block_id"] == id);

    [Fact]
    public void The_release_form_is_a_modal_with_a_datepicker_and_a_multi_select()
    {
        var view = Modal();

        BlockKitLimits.AssertModal(view);
        Assert.Equal("release.publish", (string?)view["callback_id"]);
        Assert.Equal("Publish", (string?)view["submit"]!["text"]);
        Assert.Equal(["notes", "date", "shipped", "changelogUrl", "docsUrl", "migrationUrl"], Inputs(view).Select(i => (string?)i["block_id"]));

        var date = Input(view, "date");
        Assert.Equal("datepicker", (string?)date["element"]!["type"]);
        Assert.Equal("2026-11-24", (string?)date["element"]!["initial_date"]);
        Assert.Equal(BlockKitWriter.InputActionId, (string?)date["element"]!["action_id"]);
        Assert.False((bool)date["optional"]!);

        var shipped = Input(view, "shipped");
        Assert.Equal("multi_static_select", (string?)shipped["element"]!["type"]);
        Assert.Equal("Road map items this release ships", (string?)shipped["label"]!["text"]);
        Assert.True((bool)shipped["optional"]!);
        Assert.Equal(["RM-101", "RM-104", "RM-107"], shipped["element"]!["options"]!.AsArray().Select(o => (string?)o!["value"]));
        Assert.Equal("RM-101 · Refunds in any currency", (string?)shipped["element"]!["options"]![0]!["text"]!["text"]);
        Assert.Null(shipped["element"]!["initial_options"]);

        var metadata = JsonNode.Parse((string)view["private_metadata"]!)!["data"]!;
        Assert.Equal(("payments", "2.4"), ((string?)metadata["apiId"], (string?)metadata["version"]));
    }

    [Fact]
    public void Items_picked_before_an_error_come_back_selected()
    {
        var view = Modal("release-form.errors.data.json");

        BlockKitLimits.AssertModal(view);
        var initial = Input(view, "shipped")["element"]!["initial_options"]!.AsArray();
        Assert.Equal(["RM-101", "RM-104"], initial.Select(o => (string?)o!["value"]));
        Assert.Equal("RM-104 · Refunds over 10,000 EUR", (string?)initial[1]!["text"]!["text"]);
    }

    [Fact]
    public void Without_road_map_items_there_is_no_multi_select()
    {
        var view = Modal("release-form.no-items.data.json");

        BlockKitLimits.AssertModal(view);
        Assert.DoesNotContain(Inputs(view), i => (string?)i["block_id"] == "shipped");
        Assert.Equal("datepicker", (string?)Input(view, "date")["element"]!["type"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("24 Nov 2026")]
    [InlineData("2026-02-30")]
    public void A_date_that_is_not_yyyy_mm_dd_starts_the_datepicker_empty(string value)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard", ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "Input.Date", ["id"] = "date", ["label"] = "Release date", ["value"] = value }),
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.Execute", ["title"] = "Publish", ["verb"] = "release.publish", ["data"] = new JsonObject() }),
        };

        var view = BlockKitRenderer.Modal(new Reply.Form(card, "Release", "release.publish", new CardAction("release.open", [])), SlackRequests.Channel, ConversationKind.Channel);

        var element = Input(view, "date")["element"]!.AsObject();
        Assert.Equal("datepicker", (string?)element["type"]);
        Assert.False(element.ContainsKey("initial_date"));
    }

    [Fact]
    public void A_submission_reads_the_picked_date_and_the_selected_items_into_the_action_data()
    {
        var view = Modal();
        var payload = SlackRequests.ViewSubmission(view, new Dictionary<string, string>
        {
            ["notes"] = "Refunds in any currency.", ["changelogUrl"] = "https://developer.example.com/payments/changelog#2.4",
        });
        var values = payload["view"]!["state"]!["values"]!.AsObject();
        values["date"] = new JsonObject { [BlockKitWriter.InputActionId] = new JsonObject { ["type"] = "datepicker", ["selected_date"] = "2026-12-01" } };
        values["shipped"] = new JsonObject
        {
            [BlockKitWriter.InputActionId] = new JsonObject
            {
                ["type"] = "multi_static_select",
                ["selected_options"] = new JsonArray(Option("RM-101", "RM-101 · Refunds in any currency"), Option("RM-107", "RM-107 · Webhook signatures with rotating secrets")),
            },
        };

        var inbound = SlackPayloads.Read(SlackRequestKind.Interaction, SlackRequests.Interaction(payload));

        var turn = Assert.IsType<SlackInbound.Accepted>(inbound).Turn;
        Assert.True(turn.FromModal);
        var action = turn.Turn.Action!;
        Assert.Equal("release.publish", action.Verb);
        Assert.Equal("2026-12-01", action.Get("date"));
        Assert.Equal("RM-101,RM-107", action.Get("shipped"));
        Assert.Equal("payments", action.Get("apiId"));
        Assert.Equal("2.4", action.Get("version"));
        Assert.Equal("Refunds in any currency.", action.Get("notes"));
        Assert.Equal("https://developer.example.com/payments/changelog#2.4", action.Get("changelogUrl"));
        Assert.Equal("", action.Get("migrationUrl"));
    }

    [Fact]
    public void Nothing_picked_reads_back_as_empty_text()
    {
        var state = new JsonObject
        {
            ["date"] = new JsonObject { ["input"] = new JsonObject { ["type"] = "datepicker", ["selected_date"] = null } },
            ["shipped"] = new JsonObject { ["input"] = new JsonObject { ["type"] = "multi_static_select", ["selected_options"] = new JsonArray() } },
            ["one"] = new JsonObject { ["input"] = new JsonObject { ["type"] = "multi_static_select", ["selected_options"] = new JsonArray(Option("RM-104", "RM-104")) } },
        };

        var values = SlackInteractions.Values(state);

        Assert.Equal("", (string?)values["date"]);
        Assert.Equal("", (string?)values["shipped"]);
        Assert.Equal("RM-104", (string?)values["one"]);
    }

    private static JsonObject Option(string value, string text) =>
        new() { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true }, ["value"] = value };
}
