using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Tests.Infrastructure;

/// <summary>
/// The Bot Framework connector (serviceUrl) on loopback: replies, sends, updates and new conversations. Tests can make
/// a request answer an error (404, 403, 429 with Retry-After ...) for its next calls.
/// </summary>
public sealed class FakeTeamsConnector : LoopbackFake
{
    private readonly List<Failure> failures = [];
    private readonly ConcurrentQueue<CreatedConversation> created = new();
    private int next;

    /// <summary>Activities the bot sent (replies and new messages), in order.</summary>
    public IEnumerable<RecordedRequest> Sent => Requests.Where(r => r.Method == "POST" && r.Path.Contains("/activities"));

    /// <summary>Activities the bot replaced (UpdateActivity).</summary>
    public IEnumerable<RecordedRequest> Updated => Requests.Where(r => r.Method == "PUT");

    /// <summary>Conversations the bot created (<c>POST /v3/conversations</c> answered with a fresh id), in order.</summary>
    public IReadOnlyList<CreatedConversation> Created => created.ToList();

    /// <summary>The next <paramref name="times"/> requests of <paramref name="method"/> whose path contains <paramref name="pathContains"/> answer <paramref name="status"/>.</summary>
    public void FailNext(string method, string pathContains, int status, int times = 1, int? retryAfterSeconds = null, string? code = null)
    {
        lock (failures)
        {
            for (var i = 0; i < times; i++) failures.Add(new Failure(method, pathContains, status, retryAfterSeconds, code ?? DefaultCode(status)));
        }
    }

    protected override void Map(WebApplication app)
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (TakeFailure(context.Request) is { } failure)
            {
                context.Response.StatusCode = failure.Status;
                if (failure.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString();
                await context.Response.WriteAsJsonAsync(new { error = new { code = failure.Code, message = $"Fake connector answered {failure.Status}." } });
                return;
            }
            await nextMiddleware(context);
        });
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", () => Results.Ok(new { id = NextId() }));
        app.MapPost("/v3/conversations/{conversationId}/activities", () => Results.Ok(new { id = NextId() }));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string activityId) => Results.Ok(new { id = activityId }));
        app.MapPost("/v3/conversations", async (HttpRequest request) =>
        {
            var body = await request.ReadFromJsonAsync<JsonObject>() ?? [];
            var conversation = new CreatedConversation(
                $"a:conversation-{NextId()}",
                (body["members"] as JsonArray ?? []).Select(m => (string?)m?["id"] ?? "").ToList(),
                (string?)body["tenantId"] ?? (string?)body["channelData"]?["tenant"]?["id"] ?? "",
                body);
            created.Enqueue(conversation);
            return Results.Ok(new { id = conversation.Id, activityId = NextId() });
        });
    }

    private Failure? TakeFailure(HttpRequest request)
    {
        var path = request.Path.ToString();
        lock (failures)
        {
            var match = failures.FirstOrDefault(f => f.Method == request.Method && path.Contains(f.PathContains, StringComparison.Ordinal));
            if (match is not null) failures.Remove(match);
            return match;
        }
    }

    private static string DefaultCode(int status) => status switch
    {
        403 => "BotNotInConversationRoster",
        404 => "ConversationNotFound",
        429 => "TooManyRequests",
        _ => "ServiceError",
    };

    private string NextId() => $"activity-{Interlocked.Increment(ref next)}";

    /// <summary>A conversation the bot created: its new id, the member ids it asked for, the tenant, and the request body.</summary>
    public sealed record CreatedConversation(string Id, IReadOnlyList<string> Members, string TenantId, JsonObject Body);

    private sealed record Failure(string Method, string PathContains, int Status, int? RetryAfterSeconds, string Code);
}
