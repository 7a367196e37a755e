namespace FeedbackBot.Surveys;

public static class SurveySetup
{
    /// <summary>Surveys: stores, scheduling, delivery.</summary>
    public static WebApplicationBuilder AddSurveys(this WebApplicationBuilder builder) => builder;

    /// <summary>Survey endpoints (CSV export) and recurring jobs.</summary>
    public static WebApplication MapSurveys(this WebApplication app) => app;
}
