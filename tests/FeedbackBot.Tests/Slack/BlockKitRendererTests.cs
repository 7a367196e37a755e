using System.Text.Json.Nodes;
using FeedbackBot.Slack;

namespace FeedbackBot.Tests.Slack;

public sealed class BlockKitRendererTests
{
    [Theory]
    [InlineData("<!channel> & <@U123>", "&lt;!channel&gt; &amp; &lt;@U123&gt;")]
    [InlineData("**Bold** and [docs](https://example.com/a?b=1&c=2)", "*Bold* and <https://example.com/a?b=1&amp;c=2|docs>")]
    [InlineData("[click](javascript:alert(1))", "[click](javascript:alert(1))")]
    [InlineData("@everyone #general \"quotes\" 'single'", "@everyone #general \"quotes\" 'single'")]
    public void Text_is_escaped_then_markdown_converted(string adaptive, string mrkdwn) =>
        Assert.Equal(mrkdwn, BlockKitText.Mrkdwn(adaptive));

    [Fact]
    public void Long_text_is_split_over_sections_without_breaking_an_entity()
    {
        var text = string.Concat(Enumerable.Repeat("a&b ", 2000));

        var message = BlockKitRenderer.Text(text);

        BlockKitLimits.AssertMessage(message.Blocks);
        var pieces = message.Blocks.Select(b => (string)b!["text"]!["text"]!).ToList();
        Assert.True(pieces.Count > 1);
        Assert.All(pieces, p => Assert.Matches("^(a&amp;b ?)+$", p));
        Assert.Equal(2000, pieces.Sum(p => System.Text.RegularExpressions.Regex.Count(p, "&amp;")));
    }

    [Fact]
    public void Facts_go_ten_to_a_section()
    {
        var facts = new JsonArray(Enumerable.Range(1, 23).Select(i => (JsonNode)new JsonObject { ["title"] = $"T{i}", ["value"] = $"V{i}" }).ToArray());

        var blocks = BlockKitRenderer.Message(Card(new JsonObject { ["type"] = "FactSet", ["facts"] = facts }), "facts").Blocks;

        Assert.Equal([10, 10, 3], blocks.Select(b => b!["fields"]!.AsArray().Count));
        Assert.Equal("*T1*\nV1", (string?)blocks[0]!["fields"]![0]!["text"]);
    }

    [Fact]
    public void Sixty_buttons_go_twenty_five_to_an_actions_block_with_unique_action_ids()
    {
        var actions = new JsonArray(Enumerable.Range(1, 60).Select(i => (JsonNode)Execute("vote", new JsonObject { ["option"] = i })).ToArray());

        var blocks = BlockKitRenderer.Message(new JsonObject { ["type"] = "AdaptiveCard", ["body"] = new JsonArray(), ["actions"] = actions }, "vote").Blocks;

        Assert.Equal([25, 25, 10], blocks.Select(b => b!["elements"]!.AsArray().Count));
        BlockKitLimits.AssertMessage(blocks);
        var first = blocks[0]!["elements"]![0]!;
        Assert.Equal("vote", BlockKitRenderer.VerbOf((string)first["action_id"]!));
        Assert.Equal("""{"option":1}""", (string?)first["value"]);
    }

    [Fact]
    public void Button_data_over_two_thousand_characters_is_refused_loudly()
    {
        var card = Card(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(Execute("save", new JsonObject { ["blob"] = new string('x', 2100) })) });

        var error = Assert.Throws<InvalidOperationException>(() => BlockKitRenderer.Message(card, "x"));

        Assert.Contains("2,000", error.Message);
    }

    [Fact]
    public void Link_buttons_and_unknown_elements_are_never_dropped_silently()
    {
        var card = Card(
            new JsonObject { ["type"] = "Table", ["rows"] = new JsonArray() },
            new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Docs", ["url"] = "ftp://example.com" }) });

        var blocks = BlockKitRenderer.Message(card, "x").Blocks;

        var note = (string)Assert.Single(blocks)!["elements"]![0]!["text"]!;
        Assert.Contains("a Table that Slack cannot show", note);
        Assert.Contains("the link \"Docs\"", note);
    }

    [Fact]
    public void A_header_is_plain_text_of_at_most_150_characters_and_says_it_was_cut()
    {
        var card = Card(new JsonObject { ["type"] = "TextBlock", ["text"] = "**" + new string('h', 400) + "**", ["size"] = "Large" });

        var header = BlockKitRenderer.Message(card, "x").Blocks[0]!;

        Assert.Equal("header", (string?)header["type"]);
        Assert.Equal(150, ((string)header["text"]!["text"]!).Length);
        Assert.EndsWith("…", (string)header["text"]!["text"]!);
    }

    [Fact]
    public void Error_lines_under_inputs_are_left_to_slack_in_a_modal_but_shown_in_a_message()
    {
        var card = Card(
            new JsonObject { ["type"] = "Input.Text", ["id"] = "name", ["label"] = "Name", ["isRequired"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = "Give the API a name.", ["color"] = "attention", ["size"] = "Small" });
        card["actions"] = new JsonArray(Execute("catalog.save", new JsonObject { ["mode"] = "add" }, "Save it"));

        var modal = BlockKitRenderer.Modal(new Core.Conversations.Reply.Form(card, "A title that is far too long for Slack", "catalog.save", new("catalog.add", [])), "C1", Core.Conversations.ConversationKind.Channel);
        var message = BlockKitRenderer.Message(card, "x");

        var block = Assert.Single(modal["blocks"]!.AsArray());
        Assert.Equal("name", (string?)block!["block_id"]);
        Assert.Equal("Save it", (string?)modal["submit"]!["text"]);
        Assert.Equal(24, ((string)modal["title"]!["text"]!).Length);
        Assert.Equal("""{"channel":"C1","kind":"Channel","data":{"mode":"add"}}""", (string?)modal["private_metadata"]);
        Assert.Contains("Give the API a name.", SlackTestKit.VisibleText(message.Blocks));
    }

    private static JsonObject Card(params JsonObject[] body) =>
        new() { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray(body.Select(b => (JsonNode)b).ToArray()) };

    private static JsonObject Execute(string verb, JsonObject data, string title = "Go") =>
        new() { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data };
}
