using System.Text;
using Cronos;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Hosting;
using FeedbackBot.Messaging;
using FeedbackBot.Slack;
using Hangfire;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Surveys;

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

public static class SurveySetup
{
    /// <summary>Surveys: stores, scheduling, delivery.</summary>
    public static WebApplicationBuilder AddSurveys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section).ValidateOnStart();
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

    /// <summary>Survey endpoints (CSV export, result charts) and recurring jobs.</summary>
    public static WebApplication MapSurveys(this WebApplication app)
    {
        app.MapGet("/api/surveys/{id}/responses.csv", SurveyCsv.ExportAsync);
        app.MapGet("/api/surveys/{id}/runs/{number:int}/chart.png", SurveyChart.GetAsync);
        var options = app.Services.GetRequiredService<IOptions<SurveyOptions>>().Value;
        // Slack shows only https images and refuses a message whose image it cannot fetch: a malformed address fails at start-up, not in each results card.
        if (options.PublicBaseUrl.Length > 0 && !(Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var publicBase) && publicBase.Scheme == Uri.UriSchemeHttps))
            throw new InvalidOperationException($"Surveys:PublicBaseUrl must be an absolute https address (https://feedbackbot.example.com), not \"{options.PublicBaseUrl}\".");
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<SurveyJob>(SurveyJob.Id, job => job.TickAsync(CancellationToken.None), options.TickCron);
        return app;
    }
}

/// <summary>Cron occurrences with Cronos, in the survey's own time zone (daylight saving included).</summary>
public sealed class CronCalendar : ISurveyCalendar
{
    public DateTimeOffset? Next(string cron, string timeZone, DateTimeOffset after)
    {
        try
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)) return null;
            return CronExpression.Parse(cron).GetNextOccurrence(after, zone);
        }
        catch (CronFormatException)
        {
            return null;
        }
    }
}

/// <summary>One Hangfire child per destination: each is retried alone, and the delivery log stops a retry sending twice.</summary>
public sealed class HangfireSurveyFanOut(IBackgroundJobClient jobs) : ISurveyFanOut
{
    public void Deliver(string tenantKey, string runId, IReadOnlyList<string> recipientKeys, bool reminder)
    {
        foreach (var key in recipientKeys) jobs.Enqueue<SurveyJob>(job => job.DeliverAsync(tenantKey, runId, key, reminder, CancellationToken.None));
    }
}

/// <summary>The Hangfire entry points: the scheduler pass (recurring) and one delivery (a child).</summary>
public sealed class SurveyJob(SurveyDesk desk, ILogger<SurveyJob> log)
{
    public const string Id = "survey-scheduler";

    [AutomaticRetry(Attempts = 0)]
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var started = await desk.TickAsync(cancellationToken);
        if (started > 0) log.LogInformation("Survey scheduler started {Count} run(s)", started);
    }

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [15, 60, 240])]
    public Task<bool> DeliverAsync(string tenantKey, string runId, string recipientKey, bool reminder, CancellationToken cancellationToken) =>
        desk.DeliverAsync(tenantKey, runId, recipientKey, reminder, cancellationToken);
}

/// <summary><c>GET /api/surveys/{id}/responses.csv?tenant=…</c> with that tenant's <c>X-Api-Key</c>: one row per response of every run.</summary>
public static class SurveyCsv
{
    public static async Task<IResult> ExportAsync(string id, string? tenant, HttpRequest request, ISurveyStore surveys, IOptions<SurveyOptions> options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tenant)) return Results.BadRequest("Give the tenant: ?tenant=teams:<tenant id> or slack:<team id>.");
        if (!SurveyExportKey.Opens(options.Value.ExportKeys, tenant, request.Headers["X-Api-Key"].ToString())) return Results.Unauthorized();
        var survey = await surveys.GetAsync(tenant, id.ToUpperInvariant(), cancellationToken);
        if (survey is null) return Results.NotFound();

        var csv = new StringBuilder();
        var questions = survey.Questions;
        csv.AppendLine(string.Join(',', new[] { "run", "respondent", "answered_at" }.Concat(questions.Select(q => q.Text)).Select(Quote)));
        foreach (var run in (await surveys.ListRunsAsync(tenant, survey.Id, cancellationToken)).OrderBy(r => r.Number))
        {
            foreach (var response in await surveys.ListResponsesAsync(tenant, run.RunId, cancellationToken))
            {
                var who = survey.Anonymous || response.Respondent is null ? "anonymous" : response.Respondent.Key;
                var cells = new[] { run.RunId, who, response.AnsweredAt.ToString("O") }.Concat(questions.Select(q => response.Answers.GetValueOrDefault(q.Id, "")));
                csv.AppendLine(string.Join(',', cells.Select(Quote)));
            }
        }
        return Results.Text(csv.ToString(), "text/csv; charset=utf-8");
    }

    /// <summary>RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs an answer as a formula.</summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
