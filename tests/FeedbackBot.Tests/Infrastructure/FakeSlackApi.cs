using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Tests.Infrastructure;

/// <summary>
/// Slack's Web API on loopback: <c>POST /api/{method}</c> answers <c>{"ok":true,...}</c> with plausible ids, and can be
/// told to fail a method (ok:false, 429 with Retry-After, 500) for its next calls.
/// </summary>
public sealed class FakeSlackApi : LoopbackFake
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IResult>> scripted = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> channelMembers = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> history = new();
    private int postedThenFailed;
    private int next;

    /// <summary>The next <paramref name="times"/> chat.postMessage calls post the message and then answer 500, as Slack does when it fails after storing.</summary>
    public void PostThenFailNext(int times = 1) => Interlocked.Add(ref postedThenFailed, times);

    /// <summary>Messages in a channel as Slack holds them (with their metadata), oldest first.</summary>
    public IReadOnlyList<JsonObject> Messages(string channel) => history.GetValueOrDefault(channel)?.ToList() ?? [];

    /// <summary>The bot's own user id, as <c>auth.test</c> answers it.</summary>
    public string BotUserId { get; set; } = SlackRequests.BotUser;

    /// <summary>How many member ids a <c>conversations.members</c> page holds at most (Slack may serve fewer than the limit).</summary>
    public int MembersPageSize { get; set; } = 2;

    /// <summary>The user ids <c>conversations.members</c> lists for <paramref name="channel"/> (people and bots alike, as Slack does).</summary>
    public void SetChannelMembers(string channel, params string[] users) => channelMembers[channel] = users;

    public Uri ApiUrl => new(BaseUrl, "api/");

    /// <summary>The calls of one method (e.g. <c>chat.postMessage</c>), in order.</summary>
    public IReadOnlyList<RecordedRequest> Calls(string method) => Requests.Where(r => r.Path == $"/api/{method}").ToList();

    public Task<RecordedRequest> WaitForCallAsync(string method, Func<JsonObject, bool>? match = null, string? what = null) =>
        WaitForAsync(r => r.Path == $"/api/{method}" && (match is null || match(r.Json!.AsObject())), what ?? $"a {method} call");

    public void FailNext(string method, string error, int times = 1) =>
        Script(method, times, () => Results.Json(new { ok = false, error }));

    public void RateLimitNext(string method, int retryAfterSeconds, int times = 1) =>
        Script(method, times, () => new RateLimited(retryAfterSeconds));

    public void ServerErrorNext(string method, int times = 1) =>
        Script(method, times, () => Results.StatusCode(StatusCodes.Status500InternalServerError));

    protected override void Map(WebApplication app) =>
        app.MapPost("/api/{method}", async (string method, HttpRequest request) =>
        {
            if (scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var result)) return result;
            // Write methods get JSON; read methods (auth.test, conversations.members) get form fields, as Slack asks.
            var body = request.HasFormContentType
                ? new JsonObject((await request.ReadFormAsync()).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value.ToString())))
                : await request.ReadFromJsonAsync<JsonObject>() ?? [];
            var answer = Answer(method, body);
            if (method == "chat.postMessage" && TakePostThenFail()) return Results.StatusCode(StatusCodes.Status500InternalServerError);
            return Results.Json(answer);
        });

    private bool TakePostThenFail()
    {
        int current;
        do
        {
            current = Volatile.Read(ref postedThenFailed);
            if (current <= 0) return false;
        }
        while (Interlocked.CompareExchange(ref postedThenFailed, current - 1, current) != current);
        return true;
    }

    private void Script(string method, int times, Func<IResult> result)
    {
        var queue = scripted.GetOrAdd(method, _ => new ConcurrentQueue<IResult>());
        for (var i = 0; i < times; i++) queue.Enqueue(result());
    }

    private JsonObject Answer(string method, JsonObject body)
    {
        var id = Interlocked.Increment(ref next);
        var ts = $"1700000000.{id:000000}";
        var answer = new JsonObject { ["ok"] = true };
        switch (method)
        {
            case "chat.postMessage" or "chat.update":
                answer["channel"] = body["channel"]?.DeepClone();
                answer["ts"] = method == "chat.update" ? body["ts"]?.DeepClone() : ts;
                if (method == "chat.postMessage")
                {
                    history.GetOrAdd((string?)body["channel"] ?? "", _ => new()).Enqueue(new JsonObject
                    {
                        ["ts"] = ts, ["text"] = body["text"]?.DeepClone(), ["thread_ts"] = body["thread_ts"]?.DeepClone(), ["metadata"] = body["metadata"]?.DeepClone(),
                    });
                }
                break;
            case "conversations.history" or "conversations.replies":
                var all = Messages((string?)body["channel"] ?? "").Where(m => method == "conversations.history"
                    ? m["thread_ts"] is null : (string?)m["thread_ts"] == (string?)body["ts"]).Reverse();
                var withMetadata = (string?)body["include_all_metadata"] == "true";
                answer["messages"] = new JsonArray(all.Select(m =>
                {
                    var copy = m.DeepClone().AsObject();
                    if (!withMetadata) copy.Remove("metadata");
                    return (JsonNode)copy;
                }).ToArray());
                break;
            case "chat.postEphemeral":
                answer["message_ts"] = ts;
                break;
            case "views.open" or "views.update":
                answer["view"] = new JsonObject { ["id"] = $"V{id:0000000}", ["hash"] = $"{id}.hash" };
                break;
            case "conversations.open":
                answer["channel"] = new JsonObject { ["id"] = $"D{body["users"]}" };
                break;
            case "auth.test":
                answer["user_id"] = BotUserId;
                answer["team_id"] = SlackRequests.Team;
                answer["bot_id"] = "B0BOT";
                break;
            case "conversations.members":
                var members = channelMembers.GetValueOrDefault((string?)body["channel"] ?? "") ?? [];
                var from = OffsetOf((string?)body["cursor"]);
                var size = Math.Min(MembersPageSize, int.TryParse((string?)body["limit"], out var limit) ? limit : 100);
                answer["members"] = new JsonArray(members.Skip(from).Take(size).Select(m => (JsonNode)m).ToArray());
                answer["response_metadata"] = new JsonObject { ["next_cursor"] = from + size < members.Count ? CursorAt(from + size) : "" };
                break;
        }
        return answer;
    }

    /// <summary>Opaque to the bot, like Slack's own cursors (base64 of where the next page starts).</summary>
    private static string CursorAt(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"offset:{offset}"));

    private static int OffsetOf(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return 0;
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
        return int.Parse(text["offset:".Length..]);
    }

    private sealed class RateLimited(int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString();
            return Task.CompletedTask;
        }
    }
}
