using System.Collections.Concurrent;
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
    private int next;

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
            var body = await request.ReadFromJsonAsync<JsonObject>() ?? [];
            return Results.Json(Answer(method, body));
        });

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
        }
        return answer;
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
