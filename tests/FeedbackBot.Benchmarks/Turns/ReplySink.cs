using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Benchmarks.Turns;

/// <summary>
/// The Teams connector and Slack's Web API on loopback, for the turn benchmark: they answer like the platforms do and
/// note only when each conversation first got a message (the test fakes keep every body, which would cost more than
/// the bot being measured). Conversations are named by the benchmark so each turn's reply can be told apart.
/// </summary>
public sealed class ReplySink : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TimeSpan> firstReply = new(StringComparer.Ordinal);
    private readonly Stopwatch clock;
    private WebApplication? app;
    private long next;
    private long slackCalls;
    private long teamsCalls;

    public ReplySink(Stopwatch clock) => this.clock = clock;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri SlackApiUrl => new(BaseUrl, "api/");

    /// <summary>Every message (post or update) either platform received, replies and proactive posts alike.</summary>
    public long Calls => Interlocked.Read(ref slackCalls) + Interlocked.Read(ref teamsCalls);

    /// <summary>When <paramref name="conversation"/> first received a message, on the benchmark's clock.</summary>
    public TimeSpan? FirstReplyTo(string conversation) => firstReply.TryGetValue(conversation, out var at) ? at : null;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/api/{method}", SlackAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId) => Teams(conversationId));
        app.MapPost("/v3/conversations/{conversationId}/activities", (string conversationId) => Teams(conversationId));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId, string activityId) =>
        {
            Interlocked.Increment(ref teamsCalls);
            return Results.Json(new { id = activityId });
        });
        app.MapPost("/v3/conversations", () => Results.Json(new { id = $"a:conversation-{NextId()}", activityId = NextId() }));
        await app.StartAsync();
        BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    private IResult Teams(string conversationId)
    {
        Interlocked.Increment(ref teamsCalls);
        // A channel post's conversation is "19:…;messageid=…": the channel is what the benchmark named.
        var channel = conversationId.Split(';', 2)[0];
        firstReply.TryAdd(channel, clock.Elapsed);
        return Results.Json(new { id = NextId() });
    }

    private async Task<IResult> SlackAsync(string method, HttpRequest request)
    {
        Interlocked.Increment(ref slackCalls);
        // Write methods send JSON, read methods form fields (as Slack asks); only the channel matters here.
        string? channel;
        if (request.HasFormContentType) channel = (await request.ReadFormAsync())["channel"];
        else
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            channel = body.RootElement.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        }
        var ts = $"1700000000.{NextId():000000}";
        switch (method)
        {
            case "chat.postMessage" or "chat.postEphemeral" or "chat.update":
                if (channel is not null) firstReply.TryAdd(channel, clock.Elapsed);
                return Results.Json(new { ok = true, channel, ts, message_ts = ts });
            case "auth.test":
                return Results.Json(new { ok = true, user_id = "UBOT", team_id = "T0TEAM", bot_id = "B0BOT" });
            case "conversations.open":
                return Results.Json(new { ok = true, channel = new { id = $"D{NextId()}" } });
            case "views.open" or "views.update":
                return Results.Json(new { ok = true, view = new { id = $"V{NextId()}", hash = "1.hash" } });
            default:
                return Results.Json(new { ok = false, error = "unknown_method" });
        }
    }

    private long NextId() => Interlocked.Increment(ref next);

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }
}
