using System.Text.Json.Nodes;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Slack;

/// <summary>
/// What the HTTP response to a <c>view_submission</c> says: validation errors beside their inputs, a new modal, or
/// close it. Only this response can keep the modal open, which is why submissions are processed before answering.
/// </summary>
public static class ModalResponses
{
    public static (JsonObject Response, IReadOnlyList<Reply> Others) For(SlackTurn turn, IReadOnlyList<Reply> replies)
    {
        var origin = turn.Turn.Conversation;
        foreach (var reply in replies)
        {
            var rest = replies.Where(r => r != reply).ToList();
            switch (reply)
            {
                case Reply.FieldErrors errors:
                    return (Errors(BlockKitRenderer.Modal(errors.Redrawn, turn.Channel, origin.Kind, turn.AnswerInDirectMessage), errors.Errors), rest);
                case Reply.Form form:
                    return (new JsonObject { ["response_action"] = "update", ["view"] = BlockKitRenderer.Modal(form, turn.Channel, origin.Kind, turn.AnswerInDirectMessage) }, rest);
            }
        }
        return (Clear, replies);
    }

    public static JsonObject Clear => new() { ["response_action"] = "clear" };

    /// <summary>A modal that says the submission failed, in place of the form (the answer must still be a 200).</summary>
    public static JsonObject Failed(string message) => new()
    {
        ["response_action"] = "update",
        ["view"] = new JsonObject
        {
            ["type"] = "modal",
            ["title"] = BlockKitText.PlainObject("Something went wrong", BlockKitLimits.ModalTitle),
            ["close"] = BlockKitText.PlainObject("Close", BlockKitLimits.ModalButton),
            ["blocks"] = BlockKitRenderer.Text(message).Blocks,
        },
    };

    /// <summary>Errors keyed by block id. An error for an input the modal does not show goes on the first input, naming the field.</summary>
    private static JsonObject Errors(JsonObject modal, IReadOnlyDictionary<string, string> errors)
    {
        var inputs = (modal["blocks"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(b => b["type"]?.ToString() == "input")
            .Select(b => b["block_id"]!.ToString())
            .ToList();
        var byBlock = new Dictionary<string, List<string>>();
        foreach (var (input, message) in errors)
        {
            var block = inputs.Contains(input) ? input : inputs.FirstOrDefault();
            if (block is null) continue;
            var text = block == input ? message : $"{input}: {message}";
            if (byBlock.TryGetValue(block, out var list)) list.Add(text);
            else byBlock[block] = [text];
        }
        if (byBlock.Count == 0) return new JsonObject { ["response_action"] = "update", ["view"] = modal };
        var result = new JsonObject();
        foreach (var (block, messages) in byBlock) result[block] = BlockKitText.Cut(string.Join(" ", messages), BlockKitLimits.InputHint);
        return new JsonObject { ["response_action"] = "errors", ["errors"] = result };
    }
}
