using System.Text.Json.Nodes;
using FeedbackBot.Core.Cards;
using FeedbackBot.Slack;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Slack;

/// <summary>The triage card in a Slack message: its ShowCard decisions drawn open (inputs and buttons), and a click carrying what was typed.</summary>
public sealed class TriageCardTests
{
    private static readonly CardTemplates Cards = CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards"));

    private static JsonArray Render(string dataFile = "triage-card.data.json") =>
        BlockKitRenderer.Message(Cards.Expand("triage-card", JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "cards", dataFile)))), "FB-1042").Blocks;

    private static List<JsonObject> OfType(JsonArray blocks, string type) => blocks.OfType<JsonObject>().Where(b => (string?)b["type"] == type).ToList();

    [Fact]
    public void The_sample_renders_every_decision_with_its_input_and_button_within_limits()
    {
        var blocks = Render();

        BlockKitLimits.AssertMessage(blocks);
        var inputs = OfType(blocks, "input");
        Assert.Equal(["priority", "roadmapItem", "note", "reason", "duplicateOf", "question", "assignee"], inputs.Select(i => (string?)i["block_id"]));
        Assert.All(inputs, i => Assert.False((bool)i["dispatch_action"]!));
        Assert.Equal("static_select", (string?)inputs[0]["element"]!["type"]);
        Assert.Equal("P3", (string?)inputs[0]["element"]!["initial_option"]!["value"]);
        Assert.Equal(3, inputs[4]["element"]!["options"]!.AsArray().Count);
        Assert.True((bool)inputs[2]["element"]!["multiline"]!);
        Assert.True((bool)inputs[3]["element"]!["multiline"]!);

        var buttons = OfType(blocks, "actions").SelectMany(a => a["elements"]!.AsArray().OfType<JsonObject>()).Select(b => ((string)b["action_id"]!).Split('|')[0]);
        Assert.Equal(["feedback.accept", "feedback.decline", "feedback.duplicate", "feedback.needsInfo", "feedback.assignMe", "feedback.assign"], buttons);
        var titles = OfType(blocks, "context").Select(c => (string?)c["elements"]![0]!["text"]);
        Assert.Superset(new HashSet<string?> { "*Accept*", "*Decline*", "*Duplicate*", "*Needs info*", "*Assign*" }, titles.ToHashSet());
    }

    [Fact]
    public void Each_input_sits_between_its_title_and_its_button()
    {
        var types = Render().OfType<JsonObject>()
            .Select(b => (string)b["type"]! switch
            {
                "input" => $"input:{b["block_id"]}",
                "actions" => $"button:{((string)b["elements"]![0]!["action_id"]!).Split('|')[0]}",
                "context" => $"title:{b["elements"]![0]!["text"]}",
                var other => other,
            })
            .SkipWhile(t => t != "title:*Accept*")
            .ToList();

        Assert.Equal(
        [
            "title:*Accept*", "input:priority", "input:roadmapItem", "input:note", "button:feedback.accept",
            "title:*Decline*", "input:reason", "button:feedback.decline",
            "title:*Duplicate*", "input:duplicateOf", "button:feedback.duplicate",
            "title:*Needs info*", "input:question", "button:feedback.needsInfo",
            "title:*Assign*", "button:feedback.assignMe", "input:assignee", "button:feedback.assign",
        ], types);
    }

    [Fact]
    public void A_decided_card_has_no_decisions_left()
    {
        var blocks = Render("triage-card.accepted.data.json");

        BlockKitLimits.AssertMessage(blocks);
        Assert.Empty(OfType(blocks, "input"));
        Assert.Empty(OfType(blocks, "actions"));
    }

    [Fact]
    public void A_decline_click_carries_the_typed_reason_in_its_action_data()
    {
        var blocks = Render();
        var decline = SlackTestKit.Button(blocks, "feedback.decline");
        var payload = SlackRequests.BlockActionInMessage(blocks, decline, new Dictionary<string, string> { ["reason"] = "We will not support <EUR> refunds over 10k; use two refunds." });

        var inbound = SlackPayloads.Read(SlackRequestKind.Interaction, SlackRequests.Interaction(payload));

        var turn = Assert.IsType<SlackInbound.Accepted>(inbound).Turn;
        Assert.Equal("feedback.decline", turn.Turn.Action!.Verb);
        Assert.Equal("FB-1042", turn.Turn.Action.Get("shortId"));
        Assert.Equal("We will not support <EUR> refunds over 10k; use two refunds.", turn.Turn.Action.Get("reason"));
        Assert.Equal("P3", turn.Turn.Action.Get("priority"));
        Assert.Equal(SlackRequests.ProductManager, turn.Turn.User.Id);
        Assert.Equal("1700000000.000001", turn.MessageTs);
    }
}
