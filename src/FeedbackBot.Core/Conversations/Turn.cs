using System.Text.Json.Nodes;

namespace FeedbackBot.Core.Conversations;

public enum Platform { Teams, Slack }

public enum ConversationKind { Personal, Group, Channel }

/// <summary>A person as configuration names them: <c>teams:&lt;AAD object id&gt;</c> or <c>slack:&lt;user id&gt;</c>.</summary>
public sealed record Person(Platform Platform, string Id, string? DisplayName = null)
{
    public string Key => $"{Platform.ToString().ToLowerInvariant()}:{Id}";

    public string Label => string.IsNullOrWhiteSpace(DisplayName) ? Key : DisplayName;

    public static bool TryParse(string? key, out Person person)
    {
        person = null!;
        var colon = key?.IndexOf(':') ?? -1;
        if (key is null || colon <= 0 || colon == key.Length - 1) return false;
        if (!Enum.TryParse<Platform>(key[..colon], ignoreCase: true, out var platform)) return false;
        person = new Person(platform, key[(colon + 1)..].Trim());
        return person.Id.Length > 0;
    }
}

/// <summary>Where a turn happened. <see cref="TenantId"/> is the Teams tenant or the Slack workspace (team id).</summary>
public sealed record ConversationAddress(Platform Platform, string TenantId, string ConversationId, ConversationKind Kind)
{
    /// <summary>Partition for everything a tenant or workspace owns; data never crosses it.</summary>
    public string TenantKey => $"{Platform.ToString().ToLowerInvariant()}:{TenantId}";
}

/// <summary>A button click or form submission: the verb names the interaction, data carries its inputs and context.</summary>
public sealed record CardAction(string Verb, JsonObject Data)
{
    public string? Get(string name) => Data.TryGetPropertyValue(name, out var node) && node is JsonValue value
        ? value.ToString()
        : null;
}

/// <summary>How the turn arrived, which decides what an adapter can do with the replies.</summary>
public enum TurnSource
{
    /// <summary>Typed words: a message, an @mention or a slash command.</summary>
    Message,
    /// <summary>A button on a card that was posted as a message.</summary>
    CardButton,
    /// <summary>A submitted form (a Teams card form, a Slack modal).</summary>
    FormSubmission,
}

/// <summary>
/// A conversation the bot can post into later: the address the core reasons about, and the adapter's own
/// reference (Teams: a ConversationReference as JSON; Slack: the channel id), opaque to the core.
/// </summary>
public sealed record ConversationHandle(ConversationAddress Address, string Reference);

/// <summary>One channel-neutral turn: who said or clicked what, where.</summary>
/// <param name="Reference">The adapter's reference of this conversation and user, kept so the bot can answer later.</param>
public sealed record Turn(ConversationAddress Conversation, Person User, TurnSource Source, string? Text = null, CardAction? Action = null, string Reference = "")
{
    public string TenantKey => Conversation.TenantKey;

    public ConversationHandle Handle => new(Conversation, Reference);
}
