using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace FeedbackBot.Teams;

/// <summary>
/// A turn's <see cref="ConversationReference"/>, kept as JSON (Newtonsoft, as the SDK writes it) in the core's
/// opaque <c>Reference</c>, so the bot can post there later.
/// </summary>
public static class TeamsReference
{
    private const string ThreadMarker = ";messageid=";

    private static readonly JsonSerializerSettings Settings = new() { NullValueHandling = NullValueHandling.Ignore };

    public static string Of(IActivity activity) => Serialize(activity.GetConversationReference());

    public static string Serialize(ConversationReference reference) => JsonConvert.SerializeObject(reference, Settings);

    public static ConversationReference Parse(string json)
    {
        ConversationReference? reference = null;
        try
        {
            reference = string.IsNullOrWhiteSpace(json) ? null : JsonConvert.DeserializeObject<ConversationReference>(json, Settings);
        }
        catch (JsonException)
        {
        }
        return reference is { Conversation.Id.Length: > 0, ServiceUrl.Length: > 0 }
            ? reference
            : throw new InvalidOperationException("The stored Teams conversation reference is missing or damaged (no conversation id or service URL), so nothing can be sent there.");
    }

    public static bool IsChannel(ConversationReference reference) => reference.Conversation.ConversationType == "channel";

    /// <summary>
    /// A 1:1 chat with the bot. A message action can come from a 1:1 chat between two people, also "personal",
    /// where the bot cannot post; those ids start with <c>19:</c> (bot chats with <c>a:</c>).
    /// </summary>
    public static bool IsBotChat(ConversationReference reference) =>
        reference.Conversation.ConversationType is null or "personal" && !reference.Conversation.Id.StartsWith("19:", StringComparison.Ordinal);

    /// <summary>The channel itself: a channel message's conversation id names its thread (<c>19:…@thread.tacv2;messageid=…</c>).</summary>
    public static string ChannelOf(string conversationId) =>
        conversationId.IndexOf(ThreadMarker, StringComparison.Ordinal) is var at and >= 0 ? conversationId[..at] : conversationId;

    /// <summary>
    /// A copy that posts as a new message (<paramref name="threadOf"/> null) or as a reply in that message's thread.
    /// In a channel the thread is part of the conversation id; chats have no threads, so there it is a plain message.
    /// </summary>
    public static ConversationReference ForPost(ConversationReference reference, string? threadOf)
    {
        var copy = Copy(reference);
        copy.ActivityId = null;
        if (!IsChannel(copy)) return copy;
        copy.Conversation.Id = ChannelOf(copy.Conversation.Id);
        if (threadOf is { Length: > 0 })
        {
            copy.Conversation.Id += ThreadMarker + threadOf;
            copy.ActivityId = threadOf;
        }
        return copy;
    }

    /// <summary>Where a posted message lives: a new channel post starts its own thread, named by its id.</summary>
    public static ConversationReference OfPosted(ConversationReference postedTo, string activityId)
    {
        var copy = Copy(postedTo);
        if (IsChannel(copy) && !copy.Conversation.Id.Contains(ThreadMarker, StringComparison.Ordinal))
            copy.Conversation.Id += ThreadMarker + activityId;
        copy.ActivityId = activityId;
        return copy;
    }

    public static ConversationReference Copy(ConversationReference reference) =>
        JsonConvert.DeserializeObject<ConversationReference>(Serialize(reference), Settings)!;
}
