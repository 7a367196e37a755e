using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Tests.Infrastructure;

/// <summary>
/// The Bot Framework connector (serviceUrl) on loopback: replies, sends, updates, new conversations and channel rosters. Tests can make
/// a request answer an error (404, 403, 429 with Retry-After ...) for its next calls.
/// </summary>
public sealed class FakeTeamsConnector : LoopbackFake
{
    private readonly List<Failure> failures = [];
    private readonly ConcurrentQueue<CreatedConversation> created = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<Member>> rosters = new();
    private int next;

    /// <summary>How many members a <c>pagedmembers</c> page holds at most (Teams may serve fewer than the bot asks for).</summary>
    public int MembersPageSize { get; set; } = 2;

    /// <summary>Roster reads (<c>GET …/pagedmembers</c>), in order.</summary>
    public IEnumerable<RecordedRequest> RosterReads => Requests.Where(r => r.Method == "GET" && r.Path.Contains("/pagedmembers", StringComparison.Ordinal));

    /// <summary>The members <c>GET /v3/conversations/{id}/pagedmembers</c> lists for <paramref name="conversationId"/> (a channel id, no <c>;messageid=</c>).</summary>
    public void SetMembers(string conversationId, params Member[] members) => rosters[conversationId] = members;

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
        app.MapGet("/v3/conversations/{conversationId}/pagedmembers", (string conversationId, int? pageSize, string? continuationToken) =>
        {
            var members = rosters.GetValueOrDefault(conversationId) ?? [];
            var from = int.TryParse(continuationToken, out var offset) ? offset : 0;
            var size = Math.Min(MembersPageSize, pageSize ?? MembersPageSize);
            var page = members.Skip(from).Take(size).Select(m => m.ToJson()).ToList();
            return Results.Ok(new { members = page, continuationToken = from + size < members.Count ? (from + size).ToString() : null });
        });
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

    /// <summary>A roster entry as the connector lists it (a TeamsChannelAccount): people have an AAD object id, bots (28:…) none.</summary>
    public sealed record Member(string Id, string Name, string? AadObjectId)
    {
        public static Member Person(string aad) => new($"29:{aad}", $"Member {aad}", aad);

        public static Member Bot(string id = "28:feedbackbot") => new(id, "FeedbackBot", null);

        public JsonObject ToJson()
        {
            var json = new JsonObject { ["id"] = Id, ["name"] = Name, ["tenantId"] = BotApplication.TenantId };
            if (AadObjectId is not null)
            {
                json["aadObjectId"] = AadObjectId;
                json["userPrincipalName"] = $"{AadObjectId}@example.com";
                json["userRole"] = "user";
            }
            return json;
        }
    }

    /// <summary>A conversation the bot created: its new id, the member ids it asked for, the tenant, and the request body.</summary>
    public sealed record CreatedConversation(string Id, IReadOnlyList<string> Members, string TenantId, JsonObject Body);

    private sealed record Failure(string Method, string PathContains, int Status, int? RetryAfterSeconds, string Code);
}
