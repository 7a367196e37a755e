using FeedbackBot.Playground;
using FeedbackBot.Slack;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

public static class PlaygroundSetup
{
    /// <summary>
    /// The playground (see README, "Playground"): on in Development unless <c>Playground:Enabled</c> is false, elsewhere
    /// only when it is true. It then drives the bot as a made-up Teams tenant and Slack workspace: Slack's token and
    /// signing secret are made up in-process (unless a real Slack app is configured), a few product manager identities
    /// join Roles:ProductManagers, sample APIs join the catalog, and the bot's clock can be skipped ahead.
    /// </summary>
    public static WebApplicationBuilder AddPlayground(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PlaygroundOptions>().BindConfiguration(PlaygroundOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlaygroundOptions>, PlaygroundOptionsValidation>();
        var options = builder.Configuration.GetSection(PlaygroundOptions.Section).Get<PlaygroundOptions>() ?? new PlaygroundOptions();
        if (!options.IsOn(builder.Environment)) return builder;

        // The seeding's own calls to the bot would fill the log with a line per request.
        builder.Logging.AddFilter("System.Net.Http.HttpClient.playground", LogLevel.Warning);
        var secrets = new PlaygroundSecrets();
        var platforms = Platforms(builder.Configuration);
        builder.Configuration.AddInMemoryCollection(Settings(builder.Configuration, options, platforms, secrets));

        services.AddSingleton(secrets);
        services.AddSingleton(platforms);
        services.AddSingleton(new PlaygroundPeople(Math.Clamp(options.ProductManagerSeats, 1, 20)));
        services.AddSingleton<PlaygroundTranscript>();
        services.AddSingleton<PlaygroundAddress>();
        services.AddSingleton<PlaygroundPage>();
        services.AddSingleton<PlaygroundStorageReset>();
        services.AddSingleton<PlaygroundSeeder>();
        services.AddSingleton<TeamsConnectorStandIn>();
        services.AddSingleton<SlackApiStandIn>();
        // The bot's time, skippable from the page; registered after AddConversations' TimeProvider.System, so it wins.
        services.AddSingleton<PlaygroundClock>();
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<PlaygroundClock>());
        if (platforms.Slack)
        {
            services.AddTransient<SlackLoopback>();
            services.AddHttpClient<SlackApiClient>().AddHttpMessageHandler<SlackLoopback>();
        }
        return builder;
    }

    /// <summary>Maps /playground and its stand-ins only when the playground is on; otherwise nothing answers there (404).</summary>
    public static WebApplication MapPlayground(this WebApplication app)
    {
        if (app.Services.GetService<PlaygroundSeeder>() is not { } seeder) return app;
        app.Services.GetRequiredService<PlaygroundPage>().Map(app);
        PlaygroundApi.Map(app);
        app.Services.GetRequiredService<TeamsConnectorStandIn>().Map(app);
        app.Services.GetRequiredService<SlackApiStandIn>().Map(app);

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FeedbackBot.Playground");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var at = app.Services.GetRequiredService<PlaygroundAddress>().Local is { } local ? new Uri(local, "playground").ToString() : "/playground";
            log.LogWarning("The playground is ON at {Url} ({Environment}): whoever reaches it can act as anyone, product managers included. " +
                "Turn it off with Playground__Enabled=false.", at, app.Environment.EnvironmentName);
            if (!app.Services.GetRequiredService<PlaygroundPage>().HasRenderer) log.LogWarning("{Missing}", PlaygroundPage.RendererMissing);
            _ = Task.Run(() => seeder.RunAsync(reset: true, app.Lifetime.ApplicationStopping));
        });
        return app;
    }

    private static PlaygroundPlatforms Platforms(IConfiguration configuration)
    {
        var teams = string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);
        var slack = string.IsNullOrWhiteSpace(configuration["Slack:BotToken"]) && string.IsNullOrWhiteSpace(configuration["Slack:SigningSecret"]);
        return new PlaygroundPlatforms(
            teams, teams ? "" : "MicrosoftAppId is set, so the bot only accepts activities signed by the real Bot Framework: " +
                "the Teams view is off. Clear it to play.",
            slack, slack ? "" : "Slack:BotToken is set, so the bot answers a real Slack workspace: the Slack view is off. " +
                "Clear Slack:BotToken and Slack:SigningSecret to play.");
    }

    private static Dictionary<string, string?> Settings(
        IConfiguration configuration, PlaygroundOptions options, PlaygroundPlatforms platforms, PlaygroundSecrets secrets)
    {
        var settings = new Dictionary<string, string?>();
        var managers = configuration.GetSection("Roles:ProductManagers").GetChildren().Count();
        for (var seat = 1; seat <= options.ProductManagerSeats; seat++)
        {
            settings[$"Roles:ProductManagers:{managers++}"] = $"teams:{PlaygroundPeople.SeatAad(seat)}";
            settings[$"Roles:ProductManagers:{managers++}"] = $"slack:{PlaygroundPeople.SeatSlackUser(seat)}";
        }
        if (platforms.Slack)
        {
            settings["Slack:BotToken"] = secrets.SlackBotToken;
            settings["Slack:SigningSecret"] = secrets.SlackSigningSecret;
            settings["Slack:ApiBaseUrl"] = $"http://{SlackLoopback.PlaceholderHost}{PlaygroundWorld.SlackApiPath}";
        }
        // Sample APIs only while nothing real is connected: a real tenant's catalog is its operator's.
        if (!platforms.Teams || !platforms.Slack) return settings;
        var apis = configuration.GetSection("Catalog:Apis").GetChildren().ToList();
        var index = apis.Count;
        foreach (var api in SampleApis.Where(a => apis.All(c => c["Id"] != a["Id"])))
        {
            foreach (var (key, value) in api) settings[$"Catalog:Apis:{index}:{key}"] = value;
            index++;
        }
        return settings;
    }

    private static readonly Dictionary<string, string?>[] SampleApis =
    [
        new()
        {
            ["Id"] = "identity", ["Name"] = "Identity API", ["Status"] = "GA", ["Version"] = "1.8", ["DocsUrl"] = "https://developer.example.com/identity",
            ["Pitch"] = "Sign users in and call our APIs on their behalf with OAuth 2.0.",
            ["Audience"] = "Every team whose app acts for a signed-in customer.",
            ["Problem"] = "Each product had its own login; one identity now works everywhere.",
        },
        new()
        {
            ["Id"] = "webhooks", ["Name"] = "Webhooks API", ["Status"] = "Preview", ["Version"] = "0.9", ["DocsUrl"] = "https://developer.example.com/webhooks",
            ["Pitch"] = "Get told when a payment, refund or payout changes, instead of polling.",
            ["Audience"] = "Back-end teams that react to payment events.",
            ["Problem"] = "Polling for status burned quota and arrived late.",
        },
    ];
}
