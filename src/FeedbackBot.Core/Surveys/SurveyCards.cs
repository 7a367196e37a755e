using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Cards;

namespace FeedbackBot.Core.Surveys;

/// <summary>The survey cards' data: invitation (first question in one click), form (every question), results, list.</summary>
public sealed class SurveyCards(CardTemplates templates, ISurveyChartLinks charts)
{
    /// <summary>Teams shows at most six buttons in a row before folding them away.</summary>
    private const int ButtonsPerRow = 6;

    public JsonObject Invitation(Survey survey, SurveyRun run, string apiName, bool reminder, string? answered)
    {
        var first = survey.Questions[0];
        var rows = OneClick(first)
            ? Values(first).Chunk(ButtonsPerRow).Select(chunk => new
            {
                buttons = chunk.Select(v => new { title = v, data = new { runId = run.RunId, q = first.Id, value = v } }),
            }).ToList()
            : [];
        var scale = first.Type == QuestionType.Rating ? $" ({first.Min} = not at all, {first.Max} = extremely)" : "";
        var closes = run.ClosesAt.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var footer = (survey.Anonymous ? "Anonymous: your name is not stored with your answers. " : "Your name is stored with your answers. ")
            + $"You can change your answers until {closes}." + (survey.Mandatory ? "" : " Type `surveys off` to stop receiving surveys.");
        var more = survey.Questions.Count > 1 || rows.Count == 0;
        return templates.Expand("survey", new
        {
            heading = reminder ? $"Reminder: {survey.Title}" : survey.Title,
            intro = survey.Questions.Count == 1 ? "" : rows.Count > 0 ? $"{survey.Questions.Count} questions; the first takes one click." : $"{survey.Questions.Count} questions.",
            question = first.Text + scale,
            rows,
            answered = answered ?? "",
            runId = run.RunId,
            formButton = !more ? "" : rows.Count == 0 ? "Answer" : "All questions in a form",
            // One at a time in chat only in a personal chat: typed answers in a channel are everyone's to read.
            chatButton = more && survey.Audience != SurveyAudience.Channel ? "One at a time in chat" : "",
            footer,
        });
    }

    /// <summary>A rating or a single choice is answered by one button; a multiple choice or free text needs the form or the chat.</summary>
    public static bool OneClick(SurveyQuestion question) => question.Type is QuestionType.Rating or QuestionType.SingleChoice;

    /// <summary>A rating's scale or a choice's options, as answered.</summary>
    public static IReadOnlyList<string> Values(SurveyQuestion question) => question.Type == QuestionType.Rating
        ? Enumerable.Range(question.Min, question.Max - question.Min + 1).Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList()
        : question.Options;

    /// <summary>Every question of the survey, each with its own input, filled with the answers given so far.</summary>
    public JsonObject Form(Survey survey, string runId, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? errors = null, string notice = "") =>
        templates.Expand("survey-form", new
        {
            heading = survey.Title,
            notice,
            note = survey.Anonymous ? "Anonymous: your name is not stored with your answers." : "Your name is stored with your answers.",
            runId,
            questions = survey.Questions.Select((q, i) => new
            {
                id = q.Id,
                label = $"{i + 1}. {q.Text}" + (q.Required ? "" : " (optional)"),
                type = q.Type switch
                {
                    QuestionType.Rating => "rating",
                    QuestionType.SingleChoice => "single",
                    QuestionType.MultipleChoice => "multiple",
                    _ => "text",
                },
                choices = Values(q).Select(v => new { title = v, value = v }),
                placeholder = q.Type == QuestionType.Rating ? $"{q.Min} = not at all, {q.Max} = extremely" : "",
                value = values.GetValueOrDefault(q.Id, ""),
                required = q.Required,
                error = errors?.GetValueOrDefault(q.Id) ?? "",
            }),
        });

    public JsonObject Results(Survey survey, SurveyRun run, RunScore score, IReadOnlyList<(SurveyRun Run, RunScore Score)> trend, IReadOnlyList<SurveyResponse> responses)
    {
        var max = Math.Max(1, score.Distribution.Select(d => d.Count).DefaultIfEmpty(0).Max());
        var width = score.Distribution.Select(d => d.Value.ToString().Length).DefaultIfEmpty(1).Max();
        // The chart replaces the text bars rather than repeating the same numbers under it: it labels every bar with
        // its count, and its alt text lists them for screen readers and Slack's text fallbacks.
        var chartUrl = score.Distribution.Count == 0 ? "" : charts.For(survey, run, score) ?? "";
        var chartAlt = chartUrl.Length == 0 ? "" : "Bar chart of answers per score"
            + (survey.Kind == SurveyKind.Nps ? " (0 to 6 detractors, 7 and 8 passives, 9 and 10 promoters)" : "")
            + $". {string.Join(", ", score.Distribution.Select(d => $"{d.Value}: {d.Count}"))}.";
        var freeText = survey.Questions.Where(q => q.Type == QuestionType.FreeText).Select(q => q.Id).ToList();
        var comments = responses
            .SelectMany(r => freeText.Select(id => (r, text: r.Answers.GetValueOrDefault(id, ""))))
            .Where(c => c.text.Length > 0)
            .Take(20)
            .Select(c => new { by = survey.Anonymous || c.r.Respondent is null ? "Anonymous" : c.r.Respondent.Label, text = Shorten(c.text, 500) });
        return templates.Expand("survey-results", new
        {
            title = survey.Title,
            surveyId = survey.Id,
            run = $"{run.RunId}, started {run.StartedAt.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}",
            responses = score.Responses,
            recipients = survey.Audience == SurveyAudience.Channel ? "the channel" : score.Recipients.ToString(),
            rate = score.Rate,
            scoreLabel = survey.Kind == SurveyKind.Nps ? "NPS" : "Mean score",
            score = score.ScoreText(survey.Kind),
            breakdown = survey.Kind == SurveyKind.Nps
                ? $"{Counted(score.Promoters, "promoter")}, {Counted(score.Passives, "passive")}, {Counted(score.Detractors, "detractor")}"
                : $"{score.Responses} answers",
            chartUrl,
            chartAlt,
            bars = score.Distribution.Where(_ => chartUrl.Length == 0).Select(d => new
            {
                label = d.Value.ToString().PadLeft(width),
                bar = d.Count == 0 ? "·" : new string('█', (int)Math.Ceiling(10.0 * d.Count / max)),
                count = d.Count,
            }),
            trend = trend.Select(t => new { run = t.Run.RunId, score = t.Score.ScoreText(survey.Kind), responses = t.Score.Responses }),
            hasScore = score.Distribution.Count > 0,
            details = Details(survey, responses),
            comments,
            note = (survey.Anonymous ? "Anonymous survey: names are not stored. " : "")
                + $"CSV: GET /api/surveys/{survey.Id}/responses.csv",
        });
    }

    /// <summary>
    /// The questions the headline number does not cover (a custom survey's choices and further ratings): each option's
    /// count, or a rating's mean, so a product manager reads every question without opening the CSV.
    /// </summary>
    private static IEnumerable<object> Details(Survey survey, IReadOnlyList<SurveyResponse> responses)
    {
        var scored = survey.Questions.FirstOrDefault(q => q.Type == QuestionType.Rating);
        foreach (var question in survey.Questions.Where(q => q != scored && q.Type != QuestionType.FreeText))
        {
            var given = responses.Select(r => r.Answers.GetValueOrDefault(question.Id, "")).Where(a => a.Length > 0).ToList();
            string summary;
            if (question.Type == QuestionType.Rating)
            {
                var values = given.Select(a => int.TryParse(a, out var n) ? n : (int?)null).OfType<int>().ToList();
                summary = values.Count == 0 ? "no answers yet" : $"mean {values.Average().ToString("0.##", CultureInfo.InvariantCulture)} on {question.Min}–{question.Max} ({Answers(values.Count)})";
            }
            else
            {
                var picks = given.SelectMany(a => a.Split(',')).ToList();
                summary = given.Count == 0 ? "no answers yet"
                    : string.Join(" · ", question.Options.Select(o => $"{o}: {picks.Count(p => p.Equals(o, StringComparison.OrdinalIgnoreCase))}")) + $" ({Answers(given.Count)})";
            }
            yield return new { question = question.Text, summary };
        }
    }

    private static string Answers(int count) => count == 1 ? "1 answer" : $"{count} answers";

    public JsonObject List(IReadOnlyList<Survey> surveys) => templates.Expand("survey-list", new
    {
        count = surveys.Count,
        surveys = surveys.Select(s => new
        {
            id = s.Id,
            title = s.Title,
            status = s.Status.ToString().ToLowerInvariant(),
            audience = Audience(s.Audience),
            schedule = s.IsRecurring ? $"cron {s.Cron} ({s.TimeZone})" : s.Runs == 0 && s.NextRunAt is { } at ? $"once, at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "once",
            runs = s.Runs,
        }),
    });

    public static string Audience(SurveyAudience audience) => audience switch
    {
        SurveyAudience.ChannelMembers => "each member of the channel",
        SurveyAudience.Channel => "one card in the channel",
        _ => "the API's consumers",
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>"1 promoter", "2 promoters".</summary>
    private static string Counted(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
