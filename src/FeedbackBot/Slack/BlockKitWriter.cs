using System.Text.Json.Nodes;
using static FeedbackBot.Slack.BlockKitText;

namespace FeedbackBot.Slack;

/// <summary>Walks an expanded Adaptive Card and writes Block Kit blocks; what it cannot show in full it notes, never drops silently.</summary>
internal sealed partial class BlockKitWriter(bool modal, string? submitVerb)
{
    private readonly List<JsonObject> blocks = [];
    private readonly List<string> notes = [];
    private int buttons;
    private bool afterInput;
    private bool newContainer;
    private JsonObject? openSection;
    private int? showCardsStart;

    /// <summary>In a modal, the form's submit action becomes the modal's Save button: its title and data.</summary>
    public (string Title, JsonObject Data)? Submit { get; private set; }

    public JsonArray Write(JsonObject card)
    {
        Elements(card["body"]);
        Actions(card["actions"]);
        return Finish();
    }

    private void Elements(JsonNode? elements)
    {
        if (elements is not JsonArray array) return;
        foreach (var element in array.OfType<JsonObject>()) Element(element);
    }

    private void Element(JsonObject element)
    {
        if (element["isVisible"]?.GetValueKind() == System.Text.Json.JsonValueKind.False) return;
        var type = Str(element, "type");
        if (type != "TextBlock" && !type.StartsWith("Input.", StringComparison.Ordinal)) afterInput = false;
        switch (type)
        {
            case "TextBlock": TextBlock(element); break;
            case "RichTextBlock": Section(string.Concat((element["inlines"] as JsonArray ?? []).Select(i => i is JsonObject o ? Str(o, "text") : i?.ToString() ?? ""))); break;
            case "FactSet": Facts(element["facts"] as JsonArray ?? []); break;
            case "ColumnSet": foreach (var column in (element["columns"] as JsonArray ?? []).OfType<JsonObject>()) Element(column); break;
            case "Column" or "Container":
                newContainer = true;
                Elements(element["items"]);
                newContainer = true;
                break;
            case "Image": Image(element); break;
            case "ImageSet": foreach (var image in (element["images"] as JsonArray ?? []).OfType<JsonObject>()) Image(image); break;
            case "ActionSet": Actions(element["actions"]); break;
            case var input when input.StartsWith("Input.", StringComparison.Ordinal): Input(element); break;
            default: Fallback(element, type); break;
        }
    }

    private void Fallback(JsonObject element, string type)
    {
        if (element["fallback"] is JsonObject fallback) Element(fallback);
        else if (Str(element, "fallback") != "drop") notes.Add($"a {type} that Slack cannot show");
    }

    private void TextBlock(JsonObject block)
    {
        var text = Str(block, "text");
        if (text.Trim().Length == 0) return;
        var attention = Str(block, "color").Equals("attention", StringComparison.OrdinalIgnoreCase);
        // A redrawn form's error lines sit under their inputs; a modal shows errors beside the input itself.
        if (modal && attention && afterInput) return;
        afterInput = false;

        var size = Str(block, "size").ToLowerInvariant();
        var bolder = Str(block, "weight").Equals("bolder", StringComparison.OrdinalIgnoreCase);
        if (size is "large" or "extralarge" || Str(block, "style") == "heading" || (bolder && size == "medium"))
        {
            Add(new JsonObject { ["type"] = "header", ["text"] = PlainObject(Plain(text), BlockKitLimits.HeaderText) });
        }
        else if (size == "small" || block["isSubtle"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
        {
            foreach (var piece in Split((attention ? ":warning: " : "") + Mrkdwn(text), BlockKitLimits.ContextText))
                Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(MrkdwnObject(piece)) });
        }
        else
        {
            var mark = Str(block, "fontType").Equals("monospace", StringComparison.OrdinalIgnoreCase) ? "`" : bolder ? "*" : "";
            var mrkdwn = Mrkdwn(text);
            if (mark.Length > 0) mrkdwn = string.Join('\n', mrkdwn.Split('\n').Select(line => line.Trim().Length == 0 ? line : $"{mark}{line.Trim()}{mark}"));
            SectionMrkdwn(attention ? ":warning: " + mrkdwn : mrkdwn);
        }
    }

    private void Section(string adaptiveMarkdown)
    {
        if (adaptiveMarkdown.Trim().Length > 0) SectionMrkdwn(Mrkdwn(adaptiveMarkdown));
    }

    /// <summary>
    /// Consecutive text goes into one section while it fits (a heading and its paragraph read as one, and a message
    /// has only 50 blocks); a new container starts a new paragraph. Longer text is split over several sections.
    /// </summary>
    private void SectionMrkdwn(string mrkdwn)
    {
        var separator = newContainer ? "\n\n" : "\n";
        newContainer = false;
        if (openSection?["text"] is JsonObject open && open["text"]!.ToString() is var current
            && current.Length + separator.Length + mrkdwn.Length <= BlockKitLimits.SectionText)
        {
            open["text"] = current + separator + mrkdwn;
            return;
        }
        foreach (var piece in Split(mrkdwn, BlockKitLimits.SectionText))
        {
            Add(new JsonObject { ["type"] = "section", ["text"] = MrkdwnObject(piece) });
            openSection = blocks[^1];
        }
    }

    private void Facts(JsonArray facts)
    {
        var fields = facts.OfType<JsonObject>()
            .Select(f => (Title: Str(f, "title"), Value: Str(f, "value")))
            .Where(f => f.Title.Length + f.Value.Length > 0)
            .Select(f => MrkdwnObject(CutMrkdwn(f.Title.Length == 0 ? Mrkdwn(f.Value) : $"*{Mrkdwn(f.Title)}*\n{Mrkdwn(f.Value)}", BlockKitLimits.FieldText)))
            .ToList();
        foreach (var chunk in fields.Chunk(BlockKitLimits.SectionFields))
            Add(new JsonObject { ["type"] = "section", ["fields"] = new JsonArray(chunk.Select(f => (JsonNode)f).ToArray()) });
    }

    private void Image(JsonObject image)
    {
        var url = Str(image, "url");
        if (!IsWebUrl(url))
        {
            notes.Add("an image that could not be shown");
            return;
        }
        Add(new JsonObject
        {
            ["type"] = "image",
            ["image_url"] = url,
            ["alt_text"] = Cut(Str(image, "altText") is { Length: > 0 } alt ? alt : "image", BlockKitLimits.AltText),
        });
    }

    private void Add(JsonObject block)
    {
        blocks.Add(block);
        openSection = null;
    }

    private static bool IsWebUrl(string url) =>
        url.Length is > 0 and <= BlockKitLimits.Url
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    internal static string Str(JsonObject node, string name) =>
        node[name] is JsonValue value ? value.ToString() : "";
}
