using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Tests.Infrastructure;

/// <summary>What the bot sent to a service outside this machine.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers, int Status = 200)
{
    /// <summary>The fake answered with success (a failure it was told to inject is recorded too, with its status).</summary>
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The body as JSON; a form body (Slack's read methods) as an object of its fields.</summary>
    public JsonNode? Json => Body.Length == 0 ? null
        : Headers.GetValueOrDefault("Content-Type", "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            ? new JsonObject(QueryHelpers.ParseQuery(Body).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value.ToString())))
            : JsonNode.Parse(Body);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for a service this machine cannot reach (the Teams connector, Slack's
/// Web API). It records every request so tests assert what the bot sent.
/// </summary>
public abstract class LoopbackFake : IAsyncDisposable
{
    private readonly List<RecordedRequest> requests = [];
    private readonly SemaphoreSlim arrived = new(0);
    private WebApplication? app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (requests) return requests.ToList(); }
    }

    protected abstract void Map(WebApplication app);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            await next(context);
            Record(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), context.Response.StatusCode));
        });
        Map(app);
        await app.StartAsync();
        BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    /// <summary>Waits until a recorded request matches (the bot may send after answering); fails with what was seen.</summary>
    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var found = Requests.FirstOrDefault(match);
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new Xunit.Sdk.XunitException($"Expected {what}; the fake saw:\n{string.Join("\n", Requests.Select(r => $"{r.Method} {r.Path} {r.Body}"))}");
            await arrived.WaitAsync(left);
        }
    }

    private void Record(RecordedRequest request)
    {
        lock (requests) requests.Add(request);
        arrived.Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
