namespace FeedbackBot.Core.Feedback;

/// <summary>
/// Reads <c>report payments: pagination skips page 2</c>: the API before the colon, the words after it.
/// The kind is guessed from the words; when no guess is safe the bot asks one question.
/// </summary>
public static class QuickReport
{
    private static readonly (FeedbackKind Kind, string[] Words)[] Signals =
    [
        (FeedbackKind.Bug, ["bug", "broken", "error", "fails", "failing", "crash", "500", "wrong", "skips", "timeout", "doesn't work", "does not work", "not working"]),
        (FeedbackKind.FeatureRequest, ["please add", "feature", "would be nice", "would love", "could you add", "support for", "wish", "request"]),
        (FeedbackKind.Question, ["how do", "how can", "how to", "is there", "can i", "does it", "why does", "?"]),
        (FeedbackKind.Praise, ["thanks", "thank you", "love", "great", "awesome", "kudos"]),
    ];

    public static (string Api, string Text)? Split(string arguments)
    {
        var colon = arguments.IndexOf(':');
        if (colon <= 0) return null;
        var api = arguments[..colon].Trim();
        var text = arguments[(colon + 1)..].Trim();
        return api.Length == 0 || text.Length == 0 ? null : (api, text);
    }

    /// <summary>The one kind the words point to, or null when they point nowhere or to several.</summary>
    public static FeedbackKind? GuessKind(string text)
    {
        var lower = text.ToLowerInvariant();
        var hits = Signals.Where(s => s.Words.Any(w => Contains(lower, w))).Select(s => s.Kind).Distinct().ToList();
        return hits.Count == 1 ? hits[0] : null;
    }

    /// <summary>Reads the answer to "is it a bug, a feature request, a question or praise?".</summary>
    public static FeedbackKind? ParseKind(string answer) => answer.Trim().TrimEnd('.', '!').ToLowerInvariant() switch
    {
        "bug" or "a bug" or "defect" or "issue" => FeedbackKind.Bug,
        "feature" or "feature request" or "a feature request" or "request" or "idea" => FeedbackKind.FeatureRequest,
        "question" or "a question" => FeedbackKind.Question,
        "praise" or "kudos" or "thanks" => FeedbackKind.Praise,
        _ => null,
    };

    private static bool Contains(string text, string word) =>
        word.Length <= 3 && char.IsLetterOrDigit(word[0])
            ? text.Split([' ', ',', '.', ':', ';', '!', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Contains(word)
            : text.Contains(word, StringComparison.Ordinal);
}
