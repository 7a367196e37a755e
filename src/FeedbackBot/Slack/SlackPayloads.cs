using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Conversations;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace FeedbackBot.Slack;

/// <summary>A channel-neutral turn plus what only Slack needs to answer it.</summary>
/// <param name="Channel">Where answers go; empty when Slack gave none (a global shortcut): then they go to a direct message.</param>
/// <param name="TriggerId">A fresh trigger (slash commands, clicks, submissions): the only way to open a modal, once, within 3 s.</param>
/// <param name="MessageTs">The message whose button was clicked, for chat.update.</param>
/// <param name="AnswerInDirectMessage">Answers go to the user's DM, not to <paramref name="Channel"/>: a shortcut is one person's business.</param>
public sealed record SlackTurn(Turn Turn, string Channel, string? TriggerId = null, string? MessageTs = null, bool FromModal = false, bool AnswerInDirectMessage = false)
{
    public string UserId => Turn.User.Id;
}

/// <summary>What a verified request turned out to be.</summary>
public abstract record SlackInbound
{
    private SlackInbound() { }

    public sealed record Challenge(string Value) : SlackInbound;

    public sealed record SslCheck : SlackInbound;

    /// <summary>Answered 400 with the reason.</summary>
    public sealed record Invalid(string Reason) : SlackInbound;

    /// <summary>Answered 200 and not stored: nothing to do (a bot's own message, an event we do not use).</summary>
    public sealed record Ignored(string Reason) : SlackInbound;

    public sealed record Accepted(string TeamId, string RequestId, SlackTurn Turn) : SlackInbound;
}

/// <summary>Reads the raw bodies of the three endpoints (events JSON, interactivity <c>payload=</c>, slash command form).</summary>
public static partial class SlackPayloads
{
    internal static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true };

    public static SlackInbound Read(SlackRequestKind kind, string body) => kind switch
    {
        SlackRequestKind.Event => ReadEvent(body),
        SlackRequestKind.Command => ReadCommand(Form(body)),
        _ => SlackInteractions.Read(Form(body)),
    };

    private static SlackInbound ReadEvent(string body)
    {
        if (ParseObject(body) is not { } root) return new SlackInbound.Invalid("malformed JSON: expected a Slack event object");
        return Str(root["type"]) switch
        {
            "url_verification" => Str(root["challenge"]) is { Length: > 0 } challenge
                ? new SlackInbound.Challenge(challenge)
                : new SlackInbound.Invalid("url_verification without a challenge"),
            "event_callback" => ReadEventCallback(root),
            var other => new SlackInbound.Ignored($"event envelope '{other}'"),
        };
    }

    private static SlackInbound ReadEventCallback(JsonObject root)
    {
        if (root["event"] is not JsonObject ev) return new SlackInbound.Invalid("event_callback without an event");
        var eventId = Str(root["event_id"]);
        var team = Str(root["team_id"]) is { Length: > 0 } t ? t : Str(ev["team"]);
        if (eventId.Length == 0 || team.Length == 0) return new SlackInbound.Invalid("event_callback without event_id or team_id");

        var botUser = Str(root["authorizations"]?[0]?["user_id"]);
        var user = Str(ev["user"]);
        // Our own posts come back as events: never answer them (or any bot, or an edit), or the bot talks to itself.
        if (ev["bot_id"] is not null || ev["subtype"] is not null || user.Length == 0 || user == botUser)
            return new SlackInbound.Ignored("a bot's message, an edit, or a message without a user");

        var channel = Str(ev["channel"]);
        var text = Str(ev["type"]) switch
        {
            "app_mention" => StripMention(Str(ev["text"]), botUser),
            "message" when Str(ev["channel_type"]) == "im" => Str(ev["text"]),
            _ => null,
        };
        if (text is null || channel.Length == 0) return new SlackInbound.Ignored($"event '{Str(ev["type"])}' is not one the bot answers");

        var address = Address(team, channel, Str(ev["channel_type"]), null);
        var turn = new Turn(address, new Person(Platform.Slack, user), TurnSource.Message, Text: BlockKitText.Unescape(text), Reference: channel);
        return new SlackInbound.Accepted(team, eventId, new SlackTurn(turn, channel));
    }

    private static SlackInbound ReadCommand(Dictionary<string, StringValues> form)
    {
        if (form.GetValueOrDefault("ssl_check") == "1") return new SlackInbound.SslCheck();
        string Field(string name) => form.GetValueOrDefault(name).ToString();
        var missing = new[] { "team_id", "user_id", "channel_id", "trigger_id" }.FirstOrDefault(name => Field(name).Length == 0);
        if (missing is not null) return new SlackInbound.Invalid($"slash command without {missing}");

        var address = Address(Field("team_id"), Field("channel_id"), null, Field("channel_name"));
        var turn = new Turn(address, new Person(Platform.Slack, Field("user_id"), Field("user_name")), TurnSource.Message, Text: BlockKitText.Unescape(Field("text")), Reference: Field("channel_id"));
        return new SlackInbound.Accepted(Field("team_id"), Field("trigger_id"), new SlackTurn(turn, Field("channel_id"), TriggerId: Field("trigger_id")));
    }

    /// <summary>D… channels are direct messages; <c>mpim</c> / <c>mpdm-…</c> are group DMs; the rest are channels.</summary>
    internal static ConversationAddress Address(string team, string channel, string? channelType, string? channelName)
    {
        var kind = channelType switch
        {
            "im" => ConversationKind.Personal,
            "mpim" => ConversationKind.Group,
            _ when channel.StartsWith('D') || channelName == "directmessage" => ConversationKind.Personal,
            _ when channelName?.StartsWith("mpdm-", StringComparison.Ordinal) == true => ConversationKind.Group,
            _ => ConversationKind.Channel,
        };
        return new ConversationAddress(Platform.Slack, team, channel, kind);
    }

    internal static Dictionary<string, StringValues> Form(string body) => QueryHelpers.ParseQuery(body);

    internal static JsonObject? ParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(JsonSurrogates.Repair(json), documentOptions: Lenient) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string Str(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";

    private static string StripMention(string text, string botUser)
    {
        var mention = botUser.Length > 0 ? new Regex($"<@{Regex.Escape(botUser)}(\\|[^>]*)?>") : FirstMention();
        return mention.Replace(text, " ", botUser.Length > 0 ? -1 : 1).Trim();
    }

    [GeneratedRegex(@"<@[A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex FirstMention();
}
