using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Tests.Playground;

/// <summary>
/// The bot as <c>npm start</c> runs it: no Slack app, no Teams app id, real Azurite (own table prefix), Hangfire in
/// memory; on a real loopback socket when asked (a browser must reach it), else on TestServer.
/// It records its log, so tests can read what it said at start-up.
/// </summary>
public sealed class PlaygroundApplication(string environment, Dictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    private readonly ConcurrentQueue<string> log = new();

    public IReadOnlyList<string> Log => log.ToList();

    public static PlaygroundApplication Create(string environment = "Development", bool kestrel = false, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = "p" + Guid.NewGuid().ToString("N")[..12],
            ["Hangfire:WorkerCount"] = "2",
        };
        configure?.Invoke(settings);
        var app = new PlaygroundApplication(environment, settings);
        if (kestrel) app.UseKestrel(0);
        return app;
    }

    /// <summary>Starts it, on Kestrel, and waits for the seeding; returns the page's address.</summary>
    public async Task<Uri> StartPlaygroundAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var root = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        using var http = new HttpClient { BaseAddress = root };
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var state = await http.GetFromJsonAsync<JsonObject>("playground/api/state");
            var seeding = state!["seeding"]!;
            if ((string?)seeding["state"] == "ready") return new Uri(root, "playground");
            if ((string?)seeding["state"] == "failed" || DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"The playground was not seeded: {seeding.ToJsonString()}\n{string.Join("\n", Log.TakeLast(30))}");
            await Task.Delay(250);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(new RecordingLoggerProvider(log)));
    }

    private sealed class RecordingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class Recorder(ConcurrentQueue<string> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
