using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Infrastructure;

/// <summary>
/// The whole bot in process (real routes, real Azurite with its own table prefix) talking to loopback fakes.
/// Each test builds its own: <c>await using var bot = await BotApplication.StartAsync();</c>
/// </summary>
public sealed class BotApplication : WebApplicationFactory<Program>
{
    public const string ProductManagerAad = "aad-pm-1";
    public const string ConsumerAad = "aad-consumer-1";
    public const string TenantId = "tenant-1";

    public const string SlackSigningSecret = "test-signing-secret";

    private readonly Dictionary<string, string?> settings;

    private readonly Action<IServiceCollection>? services;

    private BotApplication(Dictionary<string, string?> settings, FakeSlackApi slack, Action<IServiceCollection>? services)
    {
        this.settings = settings;
        this.services = services;
        Slack = slack;
    }

    public FakeTeamsConnector Teams { get; } = new();

    /// <summary>The app's <see cref="TimeProvider"/>; advance it to make reports old.</summary>
    public TestClock Clock { get; } = new();

    public FakeSlackApi Slack { get; }

    public string TablePrefix => settings["Storage:TablePrefix"]!;

    /// <summary>Starts the bot; <paramref name="services"/> adds test-only services (an in-memory telemetry exporter).</summary>
    public static async Task<BotApplication> StartAsync(Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null)
    {
        var slack = new FakeSlackApi();
        await slack.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:SigningSecret"] = SlackSigningSecret,
            ["Slack:ApiBaseUrl"] = slack.ApiUrl.ToString(),
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Hangfire:WorkerCount"] = "2",
            // The bot alone: the playground (on in Development) has its own tests in Playground/.
            ["Playground:Enabled"] = "false",
            ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..12],
            ["Roles:ProductManagers:0"] = $"teams:{ProductManagerAad}",
            ["Roles:ProductManagers:1"] = "slack:UPM1",
            ["Catalog:Apis:0:Id"] = "payments",
            ["Catalog:Apis:0:Name"] = "Payments API",
            ["Catalog:Apis:0:Pitch"] = "Take card payments with one call.",
            ["Catalog:Apis:0:Audience"] = "Checkout teams",
            ["Catalog:Apis:0:Problem"] = "One contract instead of one integration per provider.",
            ["Catalog:Apis:0:Status"] = "GA",
            ["Catalog:Apis:0:Version"] = "2.3",
            ["Catalog:Apis:0:DocsUrl"] = "https://developer.example.com/payments",
            ["Catalog:Apis:0:Owners:0"] = "slack:UOWNER",
        };
        configure?.Invoke(settings);
        var app = new BotApplication(settings, slack, services);
        await app.Teams.StartAsync();
        try
        {
            _ = app.Server; // build and start the host now, so start-up failures surface in the test that caused them
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Test-only knobs: the hosting environment, and the client address TestServer reports (it reports none).
        builder.UseEnvironment(settings.GetValueOrDefault("Test:Environment") ?? "Development");
        if (settings.GetValueOrDefault("Test:RemoteIp") is { } remoteIp)
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteIpFilter(IPAddress.Parse(remoteIp))));
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (services is not null) builder.ConfigureServices(services);
    }

    private sealed class RemoteIpFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>Posts an activity to /api/messages as the Teams channel would (no Authorization header: auth is off in tests).</summary>
    public Task<HttpResponseMessage> SendTeamsAsync(JsonObject activity) =>
        CreateClient().PostAsJsonAsync("/api/messages", activity);

    /// <summary>Posts to a Slack endpoint signed with the configured signing secret, timestamped now.</summary>
    public Task<HttpResponseMessage> SendSlackAsync(string path, string body, string contentType, IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = SlackRequests.Request(path, body, contentType, settings["Slack:SigningSecret"] ?? "", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        return CreateClient().SendAsync(request);
    }

    public Task<HttpResponseMessage> SendSlackCommandAsync(string text, string user = SlackRequests.Consumer, string channel = SlackRequests.Channel) =>
        SendSlackAsync(SlackRequests.Commands, SlackRequests.Command(text, user, channel), SlackRequests.FormContentType);

    /// <summary>Sends an event envelope (see <see cref="SlackRequests.Event"/>); <paramref name="retry"/> adds Slack's retry header.</summary>
    public Task<HttpResponseMessage> SendSlackEventAsync(string envelope, int? retry = null) =>
        SendSlackAsync(SlackRequests.Events, envelope, SlackRequests.JsonContentType,
            retry is null ? null : new Dictionary<string, string> { ["X-Slack-Retry-Num"] = retry.Value.ToString(), ["X-Slack-Retry-Reason"] = "http_timeout" });

    public Task<HttpResponseMessage> SendSlackInteractionAsync(JsonObject payload) =>
        SendSlackAsync(SlackRequests.Interactivity, SlackRequests.Interaction(payload), SlackRequests.FormContentType);

    public override async ValueTask DisposeAsync()
    {
        await Slack.DisposeAsync();
        await Teams.DisposeAsync();
        await base.DisposeAsync();
    }
}
