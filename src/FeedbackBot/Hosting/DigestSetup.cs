using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Jobs;
using FeedbackBot.Messaging;
using FeedbackBot.Storage;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

public static class DigestSetup
{
    /// <summary>The weekly road map digest: subscriptions, the composer, the rate-limited fan-out and its settings.</summary>
    public static WebApplicationBuilder AddDigests(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DigestOptions>, DigestOptionsValidation>();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidation>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DigestOptions>>().Value;
            return new DigestSettings(options.Cron, options.Zone, options.PostWhenQuiet);
        });

        services.AddSingleton<ISubscriptionStore, SubscriptionStore>();
        services.AddSingleton<IDigestComposer, WeeklyDigestComposer>();
        services.AddSingleton<IDeliveryFailures, DeliveryFailures>();
        services.AddSingleton<DigestDelivery>();
        services.AddSingleton<DeliveryRateLimiter>();
        services.AddSingleton(sp => new RateLimitedMessenger(sp.GetRequiredService<IMessenger>(), sp.GetRequiredService<DeliveryRateLimiter>()));
        services.AddTransient<WeeklyDigestJob>();
        return builder;
    }
}
