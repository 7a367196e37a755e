using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Tests.Infrastructure;

/// <summary>The Bot Framework connector (serviceUrl) on loopback: replies, sends, updates and new conversations.</summary>
public sealed class FakeTeamsConnector : LoopbackFake
{
    private int next;

    /// <summary>Activities the bot sent (replies and new messages), in order.</summary>
    public IEnumerable<RecordedRequest> Sent => Requests.Where(r => r.Method == "POST" && r.Path.Contains("/activities"));

    /// <summary>Activities the bot replaced (UpdateActivity).</summary>
    public IEnumerable<RecordedRequest> Updated => Requests.Where(r => r.Method == "PUT");

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", () => Results.Ok(new { id = NextId() }));
        app.MapPost("/v3/conversations/{conversationId}/activities", () => Results.Ok(new { id = NextId() }));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string activityId) => Results.Ok(new { id = activityId }));
        app.MapPost("/v3/conversations", () => Results.Ok(new { id = $"a:conversation-{NextId()}", activityId = NextId() }));
    }

    private string NextId() => $"activity-{Interlocked.Increment(ref next)}";
}
