using System.Net.Http.Headers;
using FeedbackBot.Jobs;
using FeedbackBot.Messaging;
using FeedbackBot.Slack;
using FeedbackBot.Storage;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace FeedbackBot.Hosting;

public static class SlackSetup
{
    public static WebApplicationBuilder AddSlack(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidation>();
        services.AddSingleton(sp => new SlackSignature(sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret, sp.GetRequiredService<TimeProvider>()));

        services.AddHttpClient<SlackApiClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
                http.BaseAddress = options.ApiBase;
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.BotToken);
            })
            .AddResilienceHandler("slack-web-api", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                // Handles 429 (waiting the Retry-After Slack names), 5xx and network errors; a few tries, then the caller hears of it.
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(60),
                ShouldRetryAfterHeader = true,
                // A post that may have landed (5xx, lost connection, timeout) is not repeated blindly: SlackApiClient looks first.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Context.GetRequestMessage()?.Options.TryGetValue(SlackApiClient.NotBlindly, out var careful) == true && careful
                        ? args.Outcome.Result?.StatusCode == System.Net.HttpStatusCode.TooManyRequests
                        : HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                OnRetry = args =>
                {
                    if (args.Outcome.Result?.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                        BotTelemetry.Throttled.Add(1, new KeyValuePair<string, object?>("platform", "Slack"));
                    BotTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("what", "slack-call"));
                    return ValueTask.CompletedTask;
                },
            }));

        services.AddSingleton<SlackInbox>();
        services.AddSingleton<SlackInboxQueue>();
        services.AddSingleton<SlackEndpoints>();
        services.AddTransient<SlackReplies>();
        services.AddSingleton<SlackDirectMessages>();
        services.AddSingleton<IPlatformMessenger, SlackMessenger>();
        services.AddSingleton<IPlatformRoster, SlackRoster>();
        services.AddTransient<SlackTurnProcessor>();
        services.AddTransient<SlackInboxMaintenance>();
        services.AddHostedService<SlackInboxWorker>();
        return builder;
    }

    public static WebApplication MapSlack(this WebApplication app)
    {
        var slack = app.MapGroup("/api/slack");
        slack.MapPost("/events", (HttpContext context, SlackEndpoints endpoints) => endpoints.HandleAsync(context, SlackRequestKind.Event));
        slack.MapPost("/interactivity", (HttpContext context, SlackEndpoints endpoints) => endpoints.HandleAsync(context, SlackRequestKind.Interaction));
        slack.MapPost("/commands", (HttpContext context, SlackEndpoints endpoints) => endpoints.HandleAsync(context, SlackRequestKind.Command));
        return app;
    }
}
