using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Usage;
using FeedbackBot.Jobs;
using FeedbackBot.Messaging;
using FeedbackBot.Storage;
using FeedbackBot.Surveys;
using FeedbackBot.Usage;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

public static class UsageSetup
{
    /// <summary>Usage analytics: ingest keys and endpoints, the rollup stores and fold job, the usage digest (after AddDigests).</summary>
    public static WebApplicationBuilder AddUsage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<UsageOptions>().BindConfiguration(UsageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UsageOptions>, UsageOptionsValidation>();
        services.AddSingleton<IUsageKeyStore, UsageKeyStore>();
        services.AddSingleton<IUsageSources, UsageSourceStore>();
        services.AddSingleton<IUsageLinks, UsageLinkStore>();
        services.AddSingleton<ReporterUsage>();
        services.AddSingleton<UsageHourStore>();
        services.AddSingleton<UsageDayStore>();
        services.AddSingleton<IUsageRollups>(sp => sp.GetRequiredService<UsageDayStore>());
        services.AddSingleton(sp => new UsageSettings(
            sp.GetRequiredService<IOptions<UsageOptions>>().Value.ConsumerHashKey.Length > 0,
            sp.GetRequiredService<IOptions<SurveyOptions>>().Value.PublicBaseUrl));
        services.AddSingleton<UsageIngest>();
        services.AddSingleton<UsageGate>();
        services.AddTransient<UsageRollupJob>();

        // The usage digest rides on the road map digest's machinery: its subscription store type in a table of its
        // own, its DigestDelivery with claims named apart, its rate-limited messenger and retry policy.
        services.AddSingleton<IUsageChartLinks, UsageChartLinks>();
        services.AddSingleton<UsageDigestComposer>();
        services.AddSingleton(sp => new UsageSubscriptions(new SubscriptionStore(sp.GetRequiredService<Tables>(), UsageTables.Subscriptions)));
        services.AddSingleton(sp =>
        {
            var subscriptions = sp.GetRequiredService<UsageSubscriptions>().Store;
            var delivery = new DigestDelivery(subscriptions, sp.GetRequiredService<UsageDigestComposer>(),
                new UsageDeliveryLog(sp.GetRequiredService<IDeliveryLog>()), sp.GetRequiredService<IDeliveryFailures>());
            return new UsageDigestDelivery(delivery, subscriptions);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<UsageOptions>>().Value;
            var settings = sp.GetRequiredService<DigestSettings>();
            return new UsageSchedule((settings with { Cron = options.DigestCron }).Schedule);
        });
        services.AddTransient<UsageDigestJob>();
        return builder;
    }

    /// <summary>The ingest endpoints, the chart, and the fold and digest schedules.</summary>
    public static WebApplication MapUsage(this WebApplication app)
    {
        app.MapUsageIngest();
        app.MapGet(UsageChart.Path, UsageChart.GetAsync);
        UsageRollupJob.Schedule(app.Services);
        UsageDigestJob.Schedule(app.Services);
        return app;
    }
}
