using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace FeedbackBot.Tests.Infrastructure;

/// <summary>Requests shaped like the ones Slack sends (after bolt-python's scenario fixtures), signed like Slack signs them.</summary>
public static class SlackRequests
{
    public const string Team = "T0TEAM";
    public const string Channel = "C0CHANNEL";
    public const string Consumer = "UCONSUMER";
    public const string ProductManager = "UPM1";
    public const string Owner = "UOWNER";
    public const string BotUser = "UBOT";
    public const string Events = "/api/slack/events";
    public const string Interactivity = "/api/slack/interactivity";
    public const string Commands = "/api/slack/commands";
    public const string FormContentType = "application/x-www-form-urlencoded";
    public const string JsonContentType = "application/json";

    /// <summary>Slack's signature: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>.</summary>
    public static string Signature(string secret, long timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    /// <summary>A POST as Slack sends it; <paramref name="secret"/> null sends no signature at all.</summary>
    public static HttpRequestMessage Request(string path, string body, string contentType, string? secret, long timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (secret is null) return request;
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString());
        request.Headers.Add("X-Slack-Signature", Signature(secret, timestamp, body));
        return request;
    }

    public static string Command(string text, string user = Consumer, string channel = Channel, string? triggerId = null, string channelName = "general") =>
        Form(new()
        {
            ["token"] = "verification-token", ["team_id"] = Team, ["team_domain"] = "example", ["channel_id"] = channel,
            ["channel_name"] = channelName, ["user_id"] = user, ["user_name"] = user.ToLowerInvariant(), ["command"] = "/feedback", ["text"] = text,
            ["api_app_id"] = "A0APP", ["response_url"] = "https://hooks.slack.com/commands/T0TEAM/1/abc",
            ["trigger_id"] = triggerId ?? NewTrigger(),
        });

    public static string SslCheck() => Form(new() { ["ssl_check"] = "1", ["token"] = "verification-token" });

    public static string UrlVerification(string challenge) =>
        new JsonObject { ["token"] = "verification-token", ["challenge"] = challenge, ["type"] = "url_verification" }.ToJsonString();

    /// <summary>An <c>event_callback</c> envelope around <paramref name="ev"/>, authorised for the bot user <see cref="BotUser"/>.</summary>
    public static string Event(JsonObject ev, string? eventId = null) => new JsonObject
    {
        ["token"] = "verification-token", ["team_id"] = Team, ["api_app_id"] = "A0APP", ["event"] = ev,
        ["type"] = "event_callback", ["event_id"] = eventId ?? "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
        ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = Team, ["user_id"] = BotUser, ["is_bot"] = true }),
    }.ToJsonString();

    public static JsonObject DirectMessage(string text, string user = Consumer) => new()
    {
        ["type"] = "message", ["channel"] = $"D{user}", ["user"] = user, ["text"] = text,
        ["ts"] = "1700000000.000100", ["event_ts"] = "1700000000.000100", ["channel_type"] = "im",
    };

    public static JsonObject Mention(string text, string user = Consumer, string channel = Channel) => new()
    {
        ["type"] = "app_mention", ["channel"] = channel, ["user"] = user, ["text"] = $"<@{BotUser}> {text}",
        ["ts"] = "1700000000.000200", ["event_ts"] = "1700000000.000200",
    };

    /// <summary>A click on a button the bot drew: <paramref name="actionId"/> is <c>verb|n</c>, <paramref name="value"/> the data JSON.</summary>
    public static JsonObject BlockAction(string actionId, string value, string user = Consumer, string channel = Channel, string messageTs = "1700000000.000001") => new()
    {
        ["type"] = "block_actions",
        ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "example" },
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = Team },
        ["api_app_id"] = "A0APP", ["token"] = "verification-token",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = false },
        ["trigger_id"] = NewTrigger(),
        ["channel"] = new JsonObject { ["id"] = channel, ["name"] = channel.StartsWith('D') ? "directmessage" : "general" },
        ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = "card" },
        ["response_url"] = "https://hooks.slack.com/actions/T0TEAM/1/abc",
        ["actions"] = new JsonArray(new JsonObject
        {
            ["action_id"] = actionId, ["block_id"] = "b1", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Click" },
            ["value"] = value, ["type"] = "button", ["action_ts"] = "1700000001.000001",
        }),
    };

    /// <summary>A modal submitted: the bot's own view (callback id, private_metadata, blocks) with <paramref name="values"/> typed into its inputs.</summary>
    public static JsonObject ViewSubmission(JsonObject view, IReadOnlyDictionary<string, string> values, string user = ProductManager)
    {
        var state = State(view["blocks"] as JsonArray ?? [], values);
        var submitted = view.DeepClone().AsObject();
        submitted["id"] = "V0000001";
        submitted["team_id"] = Team;
        submitted["hash"] = "1700000000.abcdef";
        submitted["state"] = new JsonObject { ["values"] = state };
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "example" },
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = Team },
            ["api_app_id"] = "A0APP", ["token"] = "verification-token", ["trigger_id"] = NewTrigger(),
            ["view"] = submitted, ["response_urls"] = new JsonArray(),
        };
    }

    /// <summary>
    /// A click on a button of a message the bot posted with <paramref name="blocks"/>: Slack sends the message's inputs
    /// along (<c>state.values</c>), with <paramref name="typed"/> typed into them and the rest as drawn.
    /// </summary>
    public static JsonObject BlockActionInMessage(JsonArray blocks, JsonObject button, IReadOnlyDictionary<string, string> typed,
        string user = ProductManager, string channel = Channel, string messageTs = "1700000000.000001")
    {
        var payload = BlockAction((string)button["action_id"]!, (string)button["value"]!, user, channel, messageTs);
        payload["message"]!["blocks"] = blocks.DeepClone();
        payload["state"] = new JsonObject { ["values"] = State(blocks, typed) };
        return payload;
    }

    /// <summary>
    /// A shortcut: global (<paramref name="message"/> null, type <c>shortcut</c>) or on a message (type <c>message_action</c>,
    /// with the channel the message is in), shaped like bolt-python's fixtures.
    /// </summary>
    public static JsonObject Shortcut(string callbackId, JsonObject? message = null, string user = Consumer, string channel = Channel)
    {
        var payload = new JsonObject
        {
            ["type"] = message is null ? "shortcut" : "message_action",
            ["token"] = "verification-token", ["action_ts"] = "1700000002.000001",
            ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "example" },
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = Team },
            ["is_enterprise_install"] = false, ["enterprise"] = null,
            ["callback_id"] = callbackId, ["trigger_id"] = NewTrigger(),
        };
        if (message is null) return payload;
        payload["user"] = new JsonObject { ["id"] = user, ["name"] = user.ToLowerInvariant(), ["team_id"] = Team };
        payload["channel"] = new JsonObject { ["id"] = channel, ["name"] = "general" };
        payload["message"] = message;
        payload["response_url"] = "https://hooks.slack.com/app/T0TEAM/1/abc";
        payload["message_ts"] = message["ts"]?.DeepClone();
        return payload;
    }

    public static JsonObject ChatMessage(string text, string ts, string user = "UOTHER", string? threadTs = null)
    {
        var message = new JsonObject { ["type"] = "message", ["user"] = user, ["text"] = text, ["ts"] = ts, ["team"] = Team };
        if (threadTs is not null) message["thread_ts"] = threadTs;
        return message;
    }

    /// <summary><c>state.values</c> for the input blocks in <paramref name="blocks"/>: typed values where given, else what the input shows.</summary>
    private static JsonObject State(JsonArray blocks, IReadOnlyDictionary<string, string> values)
    {
        var state = new JsonObject();
        foreach (var block in blocks.OfType<JsonObject>().Where(b => (string?)b["type"] == "input"))
        {
            var blockId = (string)block["block_id"]!;
            var element = block["element"]!.AsObject();
            var type = (string)element["type"]!;
            var value = values.TryGetValue(blockId, out var given) ? given : InitialValue(element);
            var typed = new JsonObject { ["type"] = type };
            if (type == "users_select") typed["selected_user"] = string.IsNullOrEmpty(value) ? null : value;
            else if (type == "datepicker") typed["selected_date"] = string.IsNullOrEmpty(value) ? null : value;
            else if (type == "static_select") typed["selected_option"] = value is null ? null : new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value }, ["value"] = value };
            else typed["value"] = string.IsNullOrEmpty(value) ? null : value;
            state[blockId] = new JsonObject { [(string)element["action_id"]!] = typed };
        }
        return state;
    }

    public static string Interaction(JsonObject payload) => Form(new() { ["payload"] = payload.ToJsonString() });

    public static string Form(Dictionary<string, string> fields) =>
        string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    private static string? InitialValue(JsonObject element) =>
        (string?)element["initial_value"] ?? (string?)element["initial_option"]?["value"] ?? (string?)element["initial_user"] ?? (string?)element["initial_date"];

    private static string NewTrigger() => $"{Random.Shared.NextInt64(100000000000, 999999999999)}.47445629121.{Guid.NewGuid():N}";
}
