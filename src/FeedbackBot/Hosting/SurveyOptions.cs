namespace FeedbackBot.Hosting;

/// <summary><c>Surveys</c>: the CSV export's key (set it in user secrets or the environment, never in appsettings.json).</summary>
public sealed class SurveyOptions
{
    public const string Section = "Surveys";

    /// <summary>The <c>X-Api-Key</c> of <c>GET /api/surveys/{id}/responses.csv</c>; empty disables the export.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Cron of the scheduler pass (starts due runs, reminds, closes). Default: every minute.</summary>
    public string TickCron { get; set; } = "* * * * *";

    /// <summary>
    /// The bot's public https address (<c>https://feedbackbot.example.com</c>): the results card then shows the
    /// distribution as a chart image that Teams and Slack fetch from it. Empty: text bars only.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";
}
