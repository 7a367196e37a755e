using System.Text.Json.Nodes;
using static FeedbackBot.Slack.BlockKitText;

namespace FeedbackBot.Slack;

internal sealed partial class BlockKitWriter
{
    /// <summary>Buttons that open a web page: Slack still sends a click for them, which routing ignores by this prefix.</summary>
    public const string LinkActionPrefix = "link";

    private void Actions(JsonNode? actions)
    {
        if (actions is not JsonArray array) return;
        var all = array.OfType<JsonObject>().ToList();
        var elements = all.Where(a => !IsShowCard(a)).Select(Button).OfType<JsonObject>().ToList();
        foreach (var chunk in elements.Chunk(BlockKitLimits.ActionsElements))
            Add(new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray(chunk.Select(e => (JsonNode)e).ToArray()) });
        foreach (var showCard in all.Where(IsShowCard)) ShowCard(showCard);
    }

    private static bool IsShowCard(JsonObject action) => Str(action, "type") == "Action.ShowCard";

    /// <summary>
    /// Slack cannot fold a card open, so an <c>Action.ShowCard</c> is drawn open, under its title: its inputs, then its
    /// buttons. A click carries every input of the message (<c>state.values</c>), so its own inputs arrive with it.
    /// </summary>
    private void ShowCard(JsonObject action)
    {
        if (action["card"] is not JsonObject card) return;
        showCardsStart ??= blocks.Count;
        if (Plain(Str(action, "title")).Trim() is { Length: > 0 } title) Add(Context($"*{Escape(title)}*"));
        newContainer = true;
        Elements(card["body"]);
        Actions(card["actions"]);
        newContainer = true;
    }

    private JsonObject? Button(JsonObject action)
    {
        var type = Str(action, "type");
        var title = Str(action, "title");
        if (type == "Action.OpenUrl")
        {
            var url = Str(action, "url");
            if (IsWebUrl(url)) return NewButton(title, $"{LinkActionPrefix}|{++buttons}").Also(b => b["url"] = url);
            notes.Add($"the link \"{Escape(Cut(title, 40))}\", whose address is not a web address Slack accepts");
            return null;
        }
        if (type is not ("Action.Execute" or "Action.Submit")) return null;

        var data = action["data"] as JsonObject ?? [];
        var verb = type == "Action.Execute" ? Str(action, "verb") : Str(data, "verb");
        if (verb.Length == 0) return null;
        if (modal && verb == submitVerb)
        {
            Submit = (title, data);
            return null;
        }
        return ActionButton(title, verb, data, Str(action, "style"));
    }

    /// <summary>The verb rides in <c>action_id</c> (<c>verb|n</c>, unique in the message) and the data, as JSON, in <c>value</c>.</summary>
    private JsonObject ActionButton(string title, string verb, JsonObject data, string style)
    {
        var actionId = $"{verb}|{++buttons}";
        if (actionId.Length > BlockKitLimits.ActionId)
            throw new InvalidOperationException($"The verb '{Cut(verb, 60)}' is too long for a Slack action_id ({BlockKitLimits.ActionId} characters). Use a short verb.");
        var value = data.ToJsonString();
        if (value.Length > BlockKitLimits.ButtonValue)
            throw new InvalidOperationException($"The button '{Cut(title, 40)}' ({verb}) carries {value.Length:N0} characters of data; a Slack button value holds {BlockKitLimits.ButtonValue:N0}. Put ids in card action data, not content.");

        var button = NewButton(title, actionId);
        button["value"] = value;
        if (style == "positive") button["style"] = "primary";
        else if (style == "destructive") button["style"] = "danger";
        return button;
    }

    private static JsonObject NewButton(string title, string actionId) => new()
    {
        ["type"] = "button",
        ["text"] = PlainObject(Plain(title).Trim() is { Length: > 0 } text ? text : "Open", BlockKitLimits.ButtonText),
        ["action_id"] = actionId,
    };

    /// <summary>The finished blocks: notes of what could not be shown, then the block limit, with a visible note when blocks had to go.</summary>
    private JsonArray Finish()
    {
        if (notes.Count > 0)
            Add(Context($"Not shown here: {string.Join(", ", notes.Distinct())}."));

        var max = modal ? BlockKitLimits.ModalBlocks : BlockKitLimits.MessageBlocks;
        var result = blocks;
        if (blocks.Count > max)
        {
            // Keep the buttons at the end (they are how the reader acts: the opened ShowCards, or the last actions) and cut from the content before them.
            var tail = showCardsStart is { } start && blocks.Count - start < max / 2
                ? blocks.Skip(start).ToList()
                : blocks.AsEnumerable().Reverse().TakeWhile(b => Str(b, "type") == "actions").Take(2).Reverse().ToList();
            var keep = max - tail.Count - 1;
            var cut = blocks.Count - tail.Count - keep;
            result = [.. blocks.Take(keep), Context($"…shortened: {Describe(cut, "item", "items")} did not fit in one Slack {(modal ? "form" : "message")}."), .. tail];
        }
        return new JsonArray(result.Select(b => (JsonNode)b).ToArray());
    }

    private static JsonObject Context(string mrkdwn) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray(MrkdwnObject(CutMrkdwn(mrkdwn, BlockKitLimits.ContextText))) };
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}
