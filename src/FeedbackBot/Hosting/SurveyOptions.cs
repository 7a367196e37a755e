using Cronos;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary><c>Surveys</c>: scheduling, charts, and the CSV export's keys (secrets: user secrets or the environment, never appsettings.json).</summary>
public sealed class SurveyOptions
{
    public const string Section = "Surveys";

    /// <summary>
    /// <c>Surveys:ExportKeys:n:Tenant</c> (<c>teams:&lt;tenant id&gt;</c> or <c>slack:&lt;team id&gt;</c>) and <c>:Key</c>: the
    /// <c>X-Api-Key</c> that reads that tenant's answers from <c>GET /api/surveys/{id}/responses.csv</c>, and no one else's.
    /// </summary>
    public List<SurveyExportKey> ExportKeys { get; set; } = [];

    /// <summary>The former single key for every tenant; refused at start-up so it cannot silently stop working.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Cron of the scheduler pass (starts due runs, reminds, closes). Default: every minute.</summary>
    public string TickCron { get; set; } = "* * * * *";

    /// <summary>
    /// The bot's public https address (<c>https://feedbackbot.example.com</c>): the results card then shows the
    /// distribution as a chart image that Teams and Slack fetch from it. Empty: text bars only.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";
}

public sealed class SurveyOptionsValidation : IValidateOptions<SurveyOptions>
{
    public ValidateOptionsResult Validate(string? name, SurveyOptions options)
    {
        var errors = new List<string>();
        try
        {
            CronExpression.Parse(options.TickCron);
        }
        catch (CronFormatException e)
        {
            errors.Add($"Surveys:TickCron '{options.TickCron}' is not a cron expression ({e.Message}). " +
                "Use five fields, e.g. \"* * * * *\" for every minute, or remove it to keep that default.");
        }
        // Slack shows only https images and refuses a message whose image it cannot fetch: a malformed address fails here, not in each results card.
        if (options.PublicBaseUrl.Length > 0
            && !(Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var publicBase) && publicBase.Scheme == Uri.UriSchemeHttps))
            errors.Add($"Surveys:PublicBaseUrl '{options.PublicBaseUrl}' is not an absolute https address. " +
                "Give the bot's public address, e.g. https://feedbackbot.example.com, or leave it empty for text bars only.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
