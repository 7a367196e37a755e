using System.Security.Cryptography;
using System.Text;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Surveys;

/// <summary>The ready-made surveys: NPS (0–10 and a reason), CSAT (1–5), CES (1–7).</summary>
public static class SurveyTemplates
{
    public static IReadOnlyList<SurveyQuestion> For(SurveyKind kind, string apiName) => kind switch
    {
        SurveyKind.Nps =>
        [
            new("q1", QuestionType.Rating, $"How likely are you to recommend {Subject(apiName)} to a colleague?", true, 0, 10),
            new("q2", QuestionType.FreeText, "What is the main reason for your score?", false),
        ],
        SurveyKind.Csat =>
        [
            new("q1", QuestionType.Rating, $"How satisfied are you with {Subject(apiName)}?", true, 1, 5),
            new("q2", QuestionType.FreeText, "What would make it better?", false),
        ],
        SurveyKind.Ces =>
        [
            new("q1", QuestionType.Rating, $"How easy was it to get what you needed done with {Subject(apiName)}?", true, 1, 7),
            new("q2", QuestionType.FreeText, "What got in your way?", false),
        ],
        _ => [],
    };

    /// <param name="apiName">The API's name, or empty for a survey about no API in particular.</param>
    public static string Title(SurveyKind kind, string apiName)
    {
        var about = apiName.Length == 0 ? "our APIs" : apiName;
        return kind switch
        {
            SurveyKind.Nps => $"NPS: {about}",
            SurveyKind.Csat => $"Satisfaction: {about}",
            SurveyKind.Ces => $"Effort: {about}",
            _ => about,
        };
    }

    /// <summary>"Payments API" becomes "the Payments API"; "payments" becomes "the payments API"; no API at all, "our APIs".</summary>
    private static string Subject(string apiName) =>
        apiName.Length == 0 ? "our APIs"
        : apiName.EndsWith(" API", StringComparison.OrdinalIgnoreCase) ? $"the {apiName}" : $"the {apiName} API";
}

/// <summary>Checks one answer against its question; the error says what is accepted.</summary>
public static class SurveyAnswers
{
    public static (string? Value, string? Error) Check(SurveyQuestion question, string? raw)
    {
        var value = question.Type == QuestionType.FreeText ? ReportForm.CleanMultiline(raw ?? "") : TurnRouter.Normalize(raw ?? "");
        if (value.Length == 0) return question.Required ? (null, "This question needs an answer.") : ("", null);
        switch (question.Type)
        {
            case QuestionType.Rating:
                return int.TryParse(value, out var rating) && rating >= question.Min && rating <= question.Max
                    ? (rating.ToString(), null)
                    : (null, $"Give a whole number from {question.Min} to {question.Max}.");
            case QuestionType.SingleChoice:
                var choice = question.Options.FirstOrDefault(o => o.Equals(value, StringComparison.OrdinalIgnoreCase));
                return choice is null ? (null, $"Pick one of: {string.Join(", ", question.Options)}.") : (choice, null);
            case QuestionType.MultipleChoice:
                var picked = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var known = picked.Select(p => question.Options.FirstOrDefault(o => o.Equals(p, StringComparison.OrdinalIgnoreCase))).ToList();
                return known.Any(k => k is null) ? (null, $"Pick from: {string.Join(", ", question.Options)}.") : (string.Join(",", known.Distinct()), null);
            default:
                return value.Length > SurveyVerbs.MaxFreeText
                    ? (null, $"At most {SurveyVerbs.MaxFreeText:N0} characters, please (this has {value.Length:N0}).")
                    : (value, null);
        }
    }

    /// <summary>
    /// The key a respondent's answers are stored under: the person key for named surveys; for anonymous ones a salted
    /// HMAC, so a second answer replaces the first and reminders can skip respondents, but no answer row names anyone.
    /// </summary>
    public static string RespondentKey(Survey survey, Person person)
    {
        if (!survey.Anonymous) return person.Key;
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(survey.Salt), Encoding.UTF8.GetBytes(person.Key.ToLowerInvariant()));
        return "anon-" + Convert.ToHexStringLower(hash)[..32];
    }
}

/// <summary>The numbers of one run: score (NPS or mean) and the distribution of the first rating question.</summary>
public sealed record RunScore(int Responses, int Recipients, double? Score, IReadOnlyList<(int Value, int Count)> Distribution, int Promoters, int Passives, int Detractors)
{
    public static RunScore Of(Survey survey, int recipients, IReadOnlyList<SurveyResponse> responses)
    {
        var rating = survey.Questions.FirstOrDefault(q => q.Type == QuestionType.Rating);
        if (rating is null) return new RunScore(responses.Count, recipients, null, [], 0, 0, 0);
        var values = responses.Select(r => r.Answers.TryGetValue(rating.Id, out var v) && int.TryParse(v, out var n) ? n : (int?)null)
            .OfType<int>().ToList();
        var distribution = Enumerable.Range(rating.Min, rating.Max - rating.Min + 1).Select(v => (v, values.Count(x => x == v))).ToList();
        if (survey.Kind == SurveyKind.Nps)
        {
            var (promoters, detractors) = (values.Count(v => v >= 9), values.Count(v => v <= 6));
            double? nps = values.Count == 0 ? null : Math.Round(100.0 * (promoters - detractors) / values.Count);
            return new RunScore(responses.Count, recipients, nps, distribution, promoters, values.Count - promoters - detractors, detractors);
        }
        return new RunScore(responses.Count, recipients, values.Count == 0 ? null : Math.Round(values.Average(), 2), distribution, 0, 0, 0);
    }

    public string Rate => Recipients == 0 ? "n/a" : $"{Math.Round(100.0 * Responses / Recipients)}%";

    public string ScoreText(SurveyKind kind) => Score is not { } s ? "no answers yet" : kind == SurveyKind.Nps ? $"{(s > 0 ? "+" : "")}{s:0}" : $"{s:0.##}";
}
