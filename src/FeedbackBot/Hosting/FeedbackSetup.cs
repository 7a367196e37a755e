using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Triage;
using FeedbackBot.Jobs;
using FeedbackBot.Storage;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

public static class FeedbackSetup
{
    /// <summary>Feedback in, triage out: the stores, the desk that files and notifies, and the SLA reminder.</summary>
    public static WebApplicationBuilder AddFeedback(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<Counters>();
        services.AddSingleton<IReportStore, ReportStore>();
        services.AddSingleton<IDraftStore, DraftStore>();
        services.AddSingleton<IRoadmapStore, RoadmapStore>();
        services.AddSingleton<ITriageChannelStore, TriageChannelStore>();
        services.AddSingleton<IDeliveryLog, DeliveryLog>();
        services.AddSingleton<ReportCards>();
        services.AddSingleton<SimilarReports>();
        services.AddSingleton<FeedbackDesk>();
        services.AddSingleton<RoadmapCards>();
        services.AddSingleton<RoadmapDesk>();

        services.AddOptions<TriageOptions>().BindConfiguration(TriageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TriageOptions>, TriageOptionsValidation>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TriageOptions>>().Value;
            return new ReminderSettings(options.Zone, options.OverdueAfterWorkingDays);
        });
        services.AddSingleton<TriageReminders>();
        services.AddTransient<TriageReminderJob>();
        return builder;
    }
}
