using System.Text.RegularExpressions;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary>
/// A custom survey's questions as a product manager writes them in the form, one per line:
/// <code>
/// * How easy was your first call? | rating 1-7
/// Which SDKs do you use? | multiple: C#, Java, Python
/// * How do you authenticate? | single: OAuth, API key
/// Anything else? | text
/// </code>
/// A leading <c>*</c> makes the question required; no <c>|</c> means free text. One text area keeps a ten-question survey
/// one screen long on both platforms (Slack modals and Teams cards have no "add a row" control).
/// </summary>
public static partial class SurveyQuestionText
{
    public const int MaxQuestionLength = 300;

    /// <summary>Slack shows at most 75 characters of an option's text; Teams is more generous, the shorter limit wins.</summary>
    public const int MaxOptionLength = 75;

    public const int MaxOptions = 10;

    public const string Example = "* How easy was your first call? | rating 1-7\nWhich SDKs do you use? | multiple: C#, Java, Python\n* How do you authenticate? | single: OAuth, API key\nAnything else? | text";

    public static (IReadOnlyList<SurveyQuestion>? Questions, string? Error) Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(l => TurnRouter.Normalize(l)).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) return (null, "Write at least one question, one per line, e.g. `* How easy was your first call? | rating 1-7`.");
        if (lines.Count > Survey.MaxQuestions) return (null, $"A survey has at most {Survey.MaxQuestions} questions; this has {lines.Count}.");

        var questions = new List<SurveyQuestion>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (question, error) = ParseLine($"q{i + 1}", lines[i]);
            if (question is null) return (null, $"Line {i + 1}: {error}");
            questions.Add(question);
        }
        return (questions, null);
    }

    /// <summary>The questions written back in the same syntax, so a form redrawn after an error keeps what was typed.</summary>
    public static string Format(IEnumerable<SurveyQuestion> questions) => string.Join('\n', questions.Select(q =>
        (q.Required ? "* " : "") + q.Text + q.Type switch
        {
            QuestionType.Rating => $" | rating {q.Min}-{q.Max}",
            QuestionType.SingleChoice => $" | single: {string.Join(", ", q.Options)}",
            QuestionType.MultipleChoice => $" | multiple: {string.Join(", ", q.Options)}",
            _ => " | text",
        }));

    private static (SurveyQuestion? Question, string? Error) ParseLine(string id, string line)
    {
        var required = line.StartsWith('*');
        if (required) line = line[1..].Trim();
        var bar = line.LastIndexOf('|');
        var text = (bar < 0 ? line : line[..bar]).Trim();
        var spec = bar < 0 ? "text" : line[(bar + 1)..].Trim();
        if (text.Length == 0) return (null, "the question has no text before the `|`.");
        if (text.Length > MaxQuestionLength) return (null, $"a question has at most {MaxQuestionLength} characters (this has {text.Length}).");

        if (spec.Equals("text", StringComparison.OrdinalIgnoreCase)) return (new SurveyQuestion(id, QuestionType.FreeText, text, required), null);

        var rating = RatingPattern().Match(spec);
        if (rating.Success)
        {
            var (min, max) = rating.Groups["min"].Success ? (int.Parse(rating.Groups["min"].Value), int.Parse(rating.Groups["max"].Value)) : (1, 5);
            if (min is not (0 or 1) || max > 10 || max - min < 2)
                return (null, "a rating scale starts at 0 or 1 and ends at 10 at most, with at least three steps: `rating 1-5`, `rating 0-10`.");
            return (new SurveyQuestion(id, QuestionType.Rating, text, required, min, max), null);
        }

        var choice = ChoicePattern().Match(spec);
        if (!choice.Success)
            return (null, $"I don't know the answer type \"{spec}\". Use `rating 1-5`, `single: a, b`, `multiple: a, b` or `text`.");
        var options = choice.Groups["options"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (options.Length < 2 || options.Length > MaxOptions) return (null, $"a choice question has 2 to {MaxOptions} options, separated by commas.");
        if (options.FirstOrDefault(o => o.Length > MaxOptionLength) is { } longOption) return (null, $"the option \"{longOption[..20]}…\" is longer than {MaxOptionLength} characters.");
        if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Length) return (null, "two options are the same.");
        var type = choice.Groups["kind"].Value.StartsWith("multi", StringComparison.OrdinalIgnoreCase) ? QuestionType.MultipleChoice : QuestionType.SingleChoice;
        return (new SurveyQuestion(id, type, text, required, Choices: options), null);
    }

    [GeneratedRegex(@"^rating(\s+(?<min>\d{1,2})\s*-\s*(?<max>\d{1,2}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex RatingPattern();

    [GeneratedRegex(@"^(?<kind>single|choice|one|multiple|multi|many)\s*:\s*(?<options>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ChoicePattern();
}
