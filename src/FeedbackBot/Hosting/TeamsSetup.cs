using FeedbackBot.Messaging;
using FeedbackBot.Teams;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

public static class TeamsSetup
{
    public static WebApplicationBuilder AddTeams(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TeamsOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                configuration.Bind(options);
                configuration.GetSection("Teams").Bind(options);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidation>();
        services.AddHttpClient(TeamsAuthentication.HttpClientName);
        services.AddHttpClient(nameof(TeamsTokens));
        services.AddSingleton<TeamsTokens>();
        services.AddSingleton<BotFrameworkAuthentication>(sp => new TeamsInboundGate(
            Authentication(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<ILogger<TeamsAdapter>>()),
            sp.GetRequiredService<TeamsTokens>(), sp.GetRequiredService<IOptions<TeamsOptions>>()));
        services.AddSingleton<TeamsAdapter>();
        services.AddTransient<TeamsBot>();
        services.AddSingleton<TeamsDelivery>();
        services.AddSingleton<TeamsMessenger>();
        services.AddSingleton<IPlatformMessenger>(sp => sp.GetRequiredService<TeamsMessenger>());
        services.AddSingleton<TeamsMessageAction>();
        services.AddSingleton<IPlatformRoster, TeamsRoster>();
        return builder;
    }

    /// <summary>
    /// Reads MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId. An empty app id means no
    /// authentication (allowed by <see cref="TeamsOptionsValidation"/> only in Development or when the operator says so);
    /// the SDK refuses SingleTenant without an app id, so that case is handed over without an app type.
    /// </summary>
    private static BotFrameworkAuthentication Authentication(IConfiguration configuration, IHttpClientFactory http, ILogger log)
    {
        if (!string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"])) return TeamsAuthentication.Create(configuration, http, log);

        log.LogWarning("MicrosoftAppId is empty: Teams requests are NOT authenticated. Never run like this where others can reach the bot.");
        var anonymous = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppType"] = "MultiTenant", ["MicrosoftAppId"] = "", ["MicrosoftAppPassword"] = "" })
            .Build();
        return TeamsAuthentication.Create(anonymous, http, log);
    }

    public static WebApplication MapTeams(this WebApplication app)
    {
        app.MapPost("/api/messages", (HttpContext context, TeamsAdapter adapter, TeamsBot bot, ILogger<TeamsAdapter> log) =>
            TeamsEndpoint.HandleAsync(context, adapter, bot, log));
        return app;
    }
}
