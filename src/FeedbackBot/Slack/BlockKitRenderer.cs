using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Conversations;
using static FeedbackBot.Slack.BlockKitText;

namespace FeedbackBot.Slack;

/// <summary>A message ready for chat.postMessage / chat.update: the blocks and the notification text.</summary>
public sealed record SlackMessage(JsonArray Blocks, string Text);

/// <summary>
/// Where a modal came from and what its Save carries, kept in the view's <c>private_metadata</c>
/// (the submission arrives without a channel, and the card's submit data must come back with it).
/// <paramref name="Direct"/>: what follows goes to the user's DM (a modal opened from a shortcut), not to the channel.
/// </summary>
public sealed record ModalOrigin(string Channel, ConversationKind Kind, JsonObject Data, bool Direct = false)
{
    public string ToMetadata()
    {
        var metadata = new JsonObject { ["channel"] = Channel, ["kind"] = Kind.ToString(), ["data"] = Data.DeepClone() };
        if (Direct) metadata["direct"] = true;
        return metadata.ToJsonString();
    }

    public static ModalOrigin? Parse(string? metadata)
    {
        if (string.IsNullOrEmpty(metadata)) return null;
        try
        {
            return JsonNode.Parse(metadata) is JsonObject o && o["channel"] is JsonValue channel
                ? new ModalOrigin(channel.ToString(),
                    Enum.TryParse<ConversationKind>(o["kind"]?.ToString(), out var kind) ? kind : ConversationKind.Channel,
                    o["data"] as JsonObject is { } data ? data.DeepClone().AsObject() : [],
                    o["direct"]?.GetValueKind() == JsonValueKind.True)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Renders expanded Adaptive Cards (v1.5) as Block Kit: messages for cards, modals for forms. All text is escaped and
/// every mrkdwn object is <c>verbatim</c>, so text a user typed never becomes a mention or a link; every limit is kept.
/// </summary>
public static class BlockKitRenderer
{
    public const string ModalClose = "Cancel";
    public const string ModalSubmit = "Save";

    public static SlackMessage Message(JsonObject card, string summary) =>
        new(new BlockKitWriter(modal: false, submitVerb: null).Write(card), Fallback(summary));

    /// <summary>A plain text reply: escaped mrkdwn sections (long text is split over several), and the same as notification text.</summary>
    public static SlackMessage Text(string message)
    {
        var card = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = message, ["wrap"] = true }) };
        return Message(card, message);
    }

    public static JsonObject Modal(Reply.Form form, string originChannel, ConversationKind originKind, bool answerInDirectMessage = false)
    {
        if (form.SubmitVerb.Length is 0 or > BlockKitLimits.CallbackId)
            throw new InvalidOperationException($"The form's submit verb '{Cut(form.SubmitVerb, 60)}' cannot be a Slack callback_id (1 to {BlockKitLimits.CallbackId} characters).");

        var writer = new BlockKitWriter(modal: true, submitVerb: form.SubmitVerb);
        var blocks = writer.Write(form.Content);
        var metadata = new ModalOrigin(originChannel, originKind, writer.Submit?.Data ?? [], answerInDirectMessage).ToMetadata();
        if (metadata.Length > BlockKitLimits.PrivateMetadata)
            throw new InvalidOperationException($"The form '{form.Title}' carries {metadata.Length:N0} characters of submit data; a Slack modal keeps {BlockKitLimits.PrivateMetadata:N0}. Put ids in the submit action's data, not content.");

        var submit = writer.Submit?.Title is { Length: > 0 } title ? Plain(title) : ModalSubmit;
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = form.SubmitVerb,
            ["title"] = PlainObject(Plain(form.Title).Trim() is { Length: > 0 } t ? t : "FeedbackBot", BlockKitLimits.ModalTitle),
            ["submit"] = PlainObject(submit, BlockKitLimits.ModalButton),
            ["close"] = PlainObject(ModalClose, BlockKitLimits.ModalButton),
            ["private_metadata"] = metadata,
            ["blocks"] = blocks,
        };
    }

    /// <summary>Splits a clicked button's <c>action_id</c> (<c>verb|n</c>) back into its verb; null for link buttons.</summary>
    public static string? VerbOf(string actionId)
    {
        var bar = actionId.LastIndexOf('|');
        var verb = bar < 0 ? actionId : actionId[..bar];
        return verb.Length == 0 || verb == BlockKitWriter.LinkActionPrefix ? null : verb;
    }
}
