using System.Text.Json.Nodes;

namespace FeedbackBot.Tests.Slack;

/// <summary>
/// Block Kit's limits as Slack's Block Kit reference (https://api.slack.com/reference/block-kit) gives them, checked
/// independently of the renderer's own constants. Each violation names the block and the limit, so a failing test
/// says exactly what went over.
/// </summary>
public static class BlockKitLimits
{
    public static void AssertMessage(JsonArray blocks) => Fail(Message(blocks));

    public static void AssertModal(JsonObject view) => Fail(Modal(view));

    public static List<string> Message(JsonArray blocks)
    {
        var violations = new List<string>();
        Max(violations, "message", "blocks", blocks.Count, 50);
        Blocks(violations, blocks);
        return violations;
    }

    public static List<string> Modal(JsonObject view)
    {
        var violations = new List<string>();
        var blocks = view["blocks"] as JsonArray ?? [];
        Max(violations, "modal", "blocks", blocks.Count, 100);
        Max(violations, "modal", "title", Text(view["title"]).Length, 24);
        Max(violations, "modal", "submit", Text(view["submit"]).Length, 24);
        Max(violations, "modal", "close", Text(view["close"]).Length, 24);
        Max(violations, "modal", "private_metadata", ((string?)view["private_metadata"] ?? "").Length, 3000);
        Max(violations, "modal", "callback_id", ((string?)view["callback_id"] ?? "").Length, 255);
        Blocks(violations, blocks);
        return violations;
    }

    /// <summary>Every mrkdwn text object in the blocks, wherever it sits.</summary>
    public static IEnumerable<JsonObject> MrkdwnTexts(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "mrkdwn" => [o],
        JsonObject o => o.SelectMany(p => MrkdwnTexts(p.Value)),
        JsonArray a => a.SelectMany(MrkdwnTexts),
        _ => [],
    };

    private static void Blocks(List<string> violations, JsonArray blocks)
    {
        var actionIds = new HashSet<string>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i]!.AsObject();
            var where = $"block {i} ({block["type"]})";
            Max(violations, where, "block_id", ((string?)block["block_id"] ?? "").Length, 255);
            switch ((string?)block["type"])
            {
                case "section":
                    Max(violations, where, "text", Text(block["text"]).Length, 3000);
                    var fields = block["fields"] as JsonArray ?? [];
                    Max(violations, where, "fields", fields.Count, 10);
                    foreach (var field in fields) Max(violations, where, "field text", Text(field).Length, 2000);
                    if (block["text"] is null && fields.Count == 0) violations.Add($"{where}: a section needs text or fields");
                    break;
                case "header":
                    Max(violations, where, "text", Text(block["text"]).Length, 150);
                    if ((string?)block["text"]?["type"] != "plain_text") violations.Add($"{where}: header text must be plain_text");
                    break;
                case "context":
                    var elements = block["elements"] as JsonArray ?? [];
                    Max(violations, where, "elements", elements.Count, 10);
                    foreach (var element in elements) Max(violations, where, "element text", Text(element).Length, 3000);
                    break;
                case "actions":
                    var buttons = block["elements"] as JsonArray ?? [];
                    Max(violations, where, "elements", buttons.Count, 25);
                    foreach (var button in buttons.OfType<JsonObject>()) Button(violations, where, button, actionIds);
                    break;
                case "input":
                    Max(violations, where, "label", Text(block["label"]).Length, 2000);
                    if (string.IsNullOrEmpty((string?)block["block_id"])) violations.Add($"{where}: an input needs a block_id");
                    Max(violations, where, "action_id", ((string?)block["element"]?["action_id"] ?? "").Length, 255);
                    break;
                case "image":
                    Max(violations, where, "image_url", ((string?)block["image_url"] ?? "").Length, 3000);
                    Max(violations, where, "alt_text", ((string?)block["alt_text"] ?? "").Length, 2000);
                    break;
                default:
                    violations.Add($"{where}: not a block type the renderer should emit");
                    break;
            }
        }
    }

    private static void Button(List<string> violations, string where, JsonObject button, HashSet<string> actionIds)
    {
        var actionId = (string?)button["action_id"] ?? "";
        Max(violations, where, "button text", Text(button["text"]).Length, 75);
        Max(violations, where, "button value", ((string?)button["value"] ?? "").Length, 2000);
        Max(violations, where, "button url", ((string?)button["url"] ?? "").Length, 3000);
        Max(violations, where, "action_id", actionId.Length, 255);
        if (Text(button["text"]).Length == 0) violations.Add($"{where}: a button needs text");
        if (!actionIds.Add(actionId)) violations.Add($"{where}: action_id '{actionId}' is used twice in one message");
    }

    private static string Text(JsonNode? textObject) => (string?)textObject?["text"] ?? "";

    private static void Max(List<string> violations, string where, string what, int actual, int max)
    {
        if (actual > max) violations.Add($"{where}: {what} is {actual}, the limit is {max}");
    }

    private static void Fail(List<string> violations)
    {
        if (violations.Count > 0) throw new Xunit.Sdk.XunitException("Over Block Kit limits:\n" + string.Join("\n", violations));
    }
}
