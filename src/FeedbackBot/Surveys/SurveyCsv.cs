using System.Text;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Hosting;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Surveys;

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
