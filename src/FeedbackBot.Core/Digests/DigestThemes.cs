using System.Text.RegularExpressions;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Digests;

/// <summary>
/// The week's most reported themes, kept simple so a reader can check them: the kinds of reports, and the words that
/// came up in the most report titles (common words left out, each word counted once a report, at least two reports).
/// </summary>
public static class DigestThemes
{
    public const int MaxWords = 3;

    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "about", "after", "again", "also", "always", "been", "before", "being", "cannot", "could", "does", "doesn",
        "from", "have", "into", "just", "like", "more", "most", "need", "needs", "never", "only", "other", "please",
        "should", "some", "still", "support", "than", "that", "their", "them", "then", "there", "these", "they", "this",
        "when", "where", "which", "while", "with", "without", "would", "your", "able", "allow", "want", "work", "works",
        "working", "broken", "error", "errors", "issue", "problem", "wrong", "bug", "feature", "request", "question", "api",
    };

    public static string Describe(IReadOnlyList<FeedbackReport> reports)
    {
        if (reports.Count == 0) return "";
        var kinds = reports.GroupBy(r => r.Kind).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => KindCount(g.Key, g.Count()));
        var text = $"{WeeklyDigestComposer.Plural(reports.Count, "report", "reports")} this week: {string.Join(", ", kinds)}.";
        var words = TopWords(reports.Select(r => r.Title));
        return words.Count == 0 ? text : $"{text} Came up most: {string.Join(", ", words.Select(w => $"{w.Word} ({w.Count})"))}.";
    }

    public static IReadOnlyList<(string Word, int Count)> TopWords(IEnumerable<string> titles) =>
        titles.SelectMany(title => Words(title).Distinct())
            .GroupBy(word => word)
            .Select(g => (Word: g.Key, Count: g.Count()))
            .Where(w => w.Count >= 2)
            .OrderByDescending(w => w.Count).ThenBy(w => w.Word, StringComparer.Ordinal)
            .Take(MaxWords)
            .ToList();

    private static IEnumerable<string> Words(string title) =>
        Regex.Split(title.ToLowerInvariant(), @"[^\p{L}\p{Nd}]+")
            .Where(word => word.Length >= 4 && !Common.Contains(word) && !word.All(char.IsDigit));

    private static string KindCount(FeedbackKind kind, int count) => kind switch
    {
        FeedbackKind.Bug => WeeklyDigestComposer.Plural(count, "bug", "bugs"),
        FeedbackKind.FeatureRequest => WeeklyDigestComposer.Plural(count, "feature request", "feature requests"),
        FeedbackKind.Question => WeeklyDigestComposer.Plural(count, "question", "questions"),
        _ => $"{count} praise",
    };
}
