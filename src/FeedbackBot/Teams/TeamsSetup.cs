using System.Runtime.ExceptionServices;
using FeedbackBot.Messaging;
using FeedbackBot.Surveys;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams;

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
        services.AddHttpClient(nameof(TeamsTokens));
        services.AddSingleton<TeamsTokens>();
        services.AddSingleton<BotFrameworkAuthentication>(sp => new TeamsInboundGate(
            Authentication(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ILogger<TeamsAdapter>>()),
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
    private static BotFrameworkAuthentication Authentication(IConfiguration configuration, ILogger log)
    {
        if (!string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"])) return new ConfigurationBotFrameworkAuthentication(configuration);

        log.LogWarning("MicrosoftAppId is empty: Teams requests are NOT authenticated. Never run like this where others can reach the bot.");
        var anonymous = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppType"] = "MultiTenant", ["MicrosoftAppId"] = "", ["MicrosoftAppPassword"] = "" })
            .Build();
        return new ConfigurationBotFrameworkAuthentication(anonymous);
    }

    public static WebApplication MapTeams(this WebApplication app)
    {
        app.MapPost("/api/messages", (HttpContext context, TeamsAdapter adapter, TeamsBot bot, ILogger<TeamsAdapter> log) =>
            TeamsEndpoint.HandleAsync(context, adapter, bot, log));
        return app;
    }
}

/// <summary>The Bot Framework adapter, with an error handler that tells the user instead of going silent.</summary>
public sealed class TeamsAdapter : CloudAdapter
{
    public TeamsAdapter(BotFrameworkAuthentication authentication, ILogger<TeamsAdapter> log) : base(authentication, log)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            log.LogError(exception, "Teams turn failed for activity {Type} in conversation {Conversation}",
                turnContext.Activity?.Type, turnContext.Activity?.Conversation?.Id);
            if (turnContext.Activity?.Type == ActivityTypes.Message)
            {
                await turnContext.SendActivityAsync("Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.");
            }
        };
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a continued conversation (a proactive call). Its failure is carried out of the
    /// SDK's pipeline, which would otherwise hand it to <see cref="BotAdapter.OnTurnError"/> and return as if it had worked.
    /// </summary>
    public async Task<T> InConversationAsync<T>(string appId, ConversationReference reference, Func<ITurnContext, Task<T>> work, CancellationToken cancellationToken)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        // The SDK gives a continuation a fresh id, which would turn every send into a reply to a message that does not
        // exist; the reference's own activity id (a thread's root, or none) is what a send should answer.
        var continuation = reference.GetContinuationActivity();
        continuation.Id = reference.ActivityId;
        await ContinueConversationAsync(appId, continuation, async (turn, _) =>
        {
            try
            {
                result = await work(turn);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, cancellationToken);
        failure?.Throw();
        return result;
    }
}
