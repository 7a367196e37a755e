using FeedbackBot.Core.Surveys;
using FeedbackBot.Jobs;
using FeedbackBot.Messaging;
using FeedbackBot.Storage;
using FeedbackBot.Surveys;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

public static class SurveySetup
{
    /// <summary>Surveys: stores, scheduling, delivery.</summary>
    public static WebApplicationBuilder AddSurveys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SurveyOptions>, SurveyOptionsValidation>();
        services.AddSingleton<IValidateOptions<SurveyOptions>, SurveyExportKeysValidation>();
        services.AddSingleton<ISurveyStore, SurveyStore>();
        services.AddSingleton<ISurveyCalendar, CronCalendar>();
        services.AddSingleton<ISurveyFanOut, HangfireSurveyFanOut>();
        services.AddSingleton<IChannelRoster, ChannelRoster>();
        services.AddSingleton<ISurveyChartLinks, SurveyChartLinks>();
        services.AddSingleton<SurveyCards>();
        services.AddSingleton<SurveyGate>();
        // Survey cards go out through the digests' rate-limited messenger (Delivery:*): a run to thousands never outruns the platform.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SurveyDesk>(sp, sp.GetRequiredService<RateLimitedMessenger>()));
        services.AddTransient<SurveyJob>();
        return builder;
    }

    /// <summary>Survey endpoints: the CSV export and the result charts.</summary>
    public static WebApplication MapSurveys(this WebApplication app)
    {
        app.MapGet("/api/surveys/{id}/responses.csv", SurveyCsv.ExportAsync);
        app.MapGet("/api/surveys/{id}/runs/{number:int}/chart.png", SurveyChart.GetAsync);
        return app;
    }
}
