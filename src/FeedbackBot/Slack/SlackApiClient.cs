using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeedbackBot.Slack;

/// <summary>A Web API method answered <c>ok:false</c> (or never answered well): names the method and Slack's error code.</summary>
public sealed class SlackApiException(string method, string error, string? detail = null)
    : Exception($"{method} failed: {error}{(string.IsNullOrEmpty(detail) ? "" : $" ({detail})")}")
{
    public string Method { get; } = method;

    public string Error { get; } = error;
}

/// <summary>
/// The few Slack Web API methods the bot uses, over a typed <see cref="HttpClient"/> whose base address, bearer token
/// and retry handler (429 Retry-After, 5xx with backoff) are set up in <see cref="SlackSetup"/>.
/// </summary>
public sealed class SlackApiClient(HttpClient http)
{
    /// <summary>Marks a request the retry handler must not repeat on an ambiguous failure (see <see cref="PostMessageAsync(string, string?, string, JsonArray?, CancellationToken)"/>).</summary>
    public static readonly HttpRequestOptionsKey<bool> NotBlindly = new("feedbackbot.slack.not-blindly");

    /// <summary>The <c>metadata.event_type</c> of every message the bot posts.</summary>
    public const string DeliveryEvent = "feedbackbot_delivery";

    private const int PostAttempts = 3;

    public Task<string> PostMessageAsync(string channel, string text, JsonArray? blocks, CancellationToken cancellationToken) =>
        PostMessageAsync(channel, null, text, blocks, cancellationToken);

    /// <summary>
    /// Posts a message, in the thread of the message <paramref name="threadTs"/> when given; returns the new message's ts.
    /// Posted once: the message carries a delivery id in its <c>metadata</c>, and after an ambiguous failure (a 5xx,
    /// a connection lost after sending, a timeout) the conversation's recent messages are searched for that id before
    /// posting again. A 429 means Slack posted nothing, so it is simply retried after its Retry-After.
    /// </summary>
    public async Task<string> PostMessageAsync(string channel, string? threadTs, string text, JsonArray? blocks, CancellationToken cancellationToken)
    {
        var deliveryId = Guid.NewGuid().ToString("N");
        var target = new JsonObject { ["channel"] = channel };
        if (!string.IsNullOrEmpty(threadTs)) target["thread_ts"] = threadTs;
        target["metadata"] = new JsonObject
        {
            ["event_type"] = DeliveryEvent,
            ["event_payload"] = new JsonObject { ["delivery_id"] = deliveryId },
        };
        var message = Message(text, blocks, target);
        // Slack's clock, not ours: history is asked from a little before the first attempt.
        var oldest = (DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var answer = await SendAsync("chat.postMessage", JsonContent.Create(message), cancellationToken, notBlindly: true);
                return answer["ts"]?.GetValue<string>() ?? "";
            }
            catch (Exception e) when (IsAmbiguous(e, cancellationToken) && attempt < PostAttempts)
            {
                if (await FindPostedAsync(channel, threadTs, deliveryId, oldest, cancellationToken) is { } posted) return posted;
                await Task.Delay(TimeSpan.FromMilliseconds(300 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>The ts of the message carrying <paramref name="deliveryId"/> among the conversation's (or thread's) recent ones.</summary>
    private async Task<string?> FindPostedAsync(string channel, string? threadTs, string deliveryId, string oldest, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, string> { ["channel"] = channel, ["oldest"] = oldest, ["limit"] = "100", ["include_all_metadata"] = "true" };
        if (!string.IsNullOrEmpty(threadTs)) arguments["ts"] = threadTs;
        var answer = await ReadAsync(string.IsNullOrEmpty(threadTs) ? "conversations.history" : "conversations.replies", arguments, cancellationToken);
        var match = (answer["messages"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(m =>
            m["metadata"]?["event_type"]?.GetValueKind() == JsonValueKind.String && (string?)m["metadata"]!["event_type"] == DeliveryEvent
            && m["metadata"]?["event_payload"]?["delivery_id"] is JsonValue id && id.TryGetValue<string>(out var found) && found == deliveryId);
        return match?["ts"]?.GetValue<string>();
    }

    private static bool IsAmbiguous(Exception e, CancellationToken cancellationToken) => e switch
    {
        SlackApiException slack => slack.Error.StartsWith("http_5", StringComparison.Ordinal) || slack.Error == "invalid_json_answer",
        HttpRequestException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    public Task UpdateMessageAsync(string channel, string ts, string text, JsonArray? blocks, CancellationToken cancellationToken) =>
        CallAsync("chat.update", Message(text, blocks, new() { ["channel"] = channel, ["ts"] = ts }), cancellationToken);

    public Task PostEphemeralAsync(string channel, string user, string text, JsonArray? blocks, CancellationToken cancellationToken) =>
        CallAsync("chat.postEphemeral", Message(text, blocks, new() { ["channel"] = channel, ["user"] = user }), cancellationToken);

    public async Task<string> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }, cancellationToken);
        return answer["view"]?["id"]?.GetValue<string>() ?? "";
    }

    public Task UpdateViewAsync(string viewId, string? hash, JsonObject view, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["view_id"] = viewId, ["view"] = view.DeepClone() };
        if (!string.IsNullOrEmpty(hash)) body["hash"] = hash;
        return CallAsync("views.update", body, cancellationToken);
    }

    /// <summary>Opens (or finds) the direct message channel with a user and returns its id.</summary>
    public async Task<string> OpenDirectMessageAsync(string user, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("conversations.open", new JsonObject { ["users"] = user }, cancellationToken);
        return answer["channel"]?["id"]?.GetValue<string>() ?? throw new SlackApiException("conversations.open", "no_channel_in_answer");
    }

    /// <summary>The bot's own user id (<c>auth.test</c>), so it never lists itself among the people to ask.</summary>
    public async Task<string> BotUserIdAsync(CancellationToken cancellationToken)
    {
        var answer = await ReadAsync("auth.test", new(), cancellationToken);
        return answer["user_id"]?.GetValue<string>() ?? throw new SlackApiException("auth.test", "no_user_id_in_answer");
    }

    /// <summary>One page of a conversation's member ids; the next cursor is empty after the last page.</summary>
    public async Task<SlackMembersPage> ConversationMembersAsync(string channel, string cursor, int limit, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, string> { ["channel"] = channel, ["limit"] = limit.ToString(CultureInfo.InvariantCulture) };
        if (cursor.Length > 0) arguments["cursor"] = cursor;
        var answer = await ReadAsync("conversations.members", arguments, cancellationToken);
        var members = (answer["members"] as JsonArray ?? []).OfType<JsonValue>()
            .Select(m => m.TryGetValue<string>(out var id) ? id : "").Where(id => id.Length > 0).ToList();
        return new SlackMembersPage(members, answer["response_metadata"]?["next_cursor"]?.GetValue<string>() ?? "");
    }

    public Task<JsonObject> CallAsync(string method, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(method, JsonContent.Create(body), cancellationToken, notBlindly: false);

    /// <summary>Slack takes JSON bodies only for write methods; read methods get their arguments form-encoded.</summary>
    private Task<JsonObject> ReadAsync(string method, Dictionary<string, string> arguments, CancellationToken cancellationToken) =>
        SendAsync(method, new FormUrlEncodedContent(arguments), cancellationToken, notBlindly: false);

    private async Task<JsonObject> SendAsync(string method, HttpContent content, CancellationToken cancellationToken, bool notBlindly)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = content };
        request.Options.Set(NotBlindly, notBlindly);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new SlackApiException(method, $"http_{(int)response.StatusCode}");

        JsonObject? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        }
        catch (JsonException)
        {
            throw new SlackApiException(method, "invalid_json_answer");
        }
        if (answer is null) throw new SlackApiException(method, "empty_answer");
        if (answer["ok"]?.GetValueKind() == JsonValueKind.True) return answer;

        var error = answer["error"]?.ToString() ?? "unknown_error";
        var detail = answer["response_metadata"]?["messages"] is JsonArray messages ? string.Join("; ", messages) : null;
        throw new SlackApiException(method, error, detail);
    }

    private static JsonObject Message(string text, JsonArray? blocks, JsonObject target)
    {
        target["text"] = text;
        // Cloned: a node has one parent, and a message may be sent twice (to a DM after a channel refused it).
        if (blocks is { Count: > 0 }) target["blocks"] = blocks.DeepClone();
        return target;
    }
}

/// <summary>One page of <c>conversations.members</c>: user ids (people and bots alike) and the cursor of the next page.</summary>
public sealed record SlackMembersPage(IReadOnlyList<string> Members, string NextCursor);
