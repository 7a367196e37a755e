using FeedbackBot.Core.GoToMarket;
using FeedbackBot.Jobs;
using FeedbackBot.Storage;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

public static class GoToMarketSetup
{
    /// <summary>Release plans: the checklist template, the plans, their cards, the reminder pass and the usage seam.</summary>
    public static WebApplicationBuilder AddGoToMarket(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GoToMarketOptions>().BindConfiguration(GoToMarketOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GoToMarketOptions>, GoToMarketOptionsValidation>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<GoToMarketOptions>>().Value;
            return new GtmSettings(o.DueSoonDays, o.SummaryDaysBefore, o.FollowUpAfterDays);
        });
        services.AddSingleton<IGtmTemplateStore, GtmTemplateStore>();
        services.AddSingleton<IReleasePlanStore, ReleasePlanStore>();
        // Replaced by the usage analytics feature when it lands: until then a follow-up says there is no usage data.
        services.AddSingleton<IReleaseUsage, NoReleaseUsage>();
        services.AddSingleton<ReleasePlanCards>();
        services.AddSingleton<PlanPeople>();
        services.AddSingleton<GtmReminders>();
        services.AddTransient<GtmReminderJob>();
        return builder;
    }

    private sealed class NoReleaseUsage : IReleaseUsage
    {
        public Task<string?> ShareAsync(string tenantKey, string apiId, string version, DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<string?>(null);
    }
}
