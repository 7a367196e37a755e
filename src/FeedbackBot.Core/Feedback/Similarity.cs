namespace FeedbackBot.Core.Feedback;

/// <summary>Open reports that look like the same thing, by the words their titles and details share.</summary>
public static class Similarity
{
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is", "it", "with", "when", "not", "be", "are", "this",
        "that", "api", "i", "we", "my", "our", "at", "by", "from", "as", "can", "do", "does",
    };

    public const double Threshold = 0.3;

    public static IReadOnlyList<FeedbackReport> Find(string title, string details, IEnumerable<FeedbackReport> open, int max = 3)
    {
        var words = Words(title + " " + details);
        if (words.Count == 0) return [];
        return open
            .Select(report => (report, score: Score(words, Words(report.Title + " " + report.Details))))
            .Where(x => x.score >= Threshold)
            .OrderByDescending(x => x.score).ThenByDescending(x => x.report.Votes)
            .Take(max)
            .Select(x => x.report)
            .ToList();
    }

    /// <summary>The ids of the reports that score at least <see cref="Threshold"/>, best first (votes are not known here).</summary>
    public static IReadOnlyList<string> Rank(string title, string details, IEnumerable<RecentReport> recent, int max)
    {
        var words = Words(title + " " + details);
        if (words.Count == 0) return [];
        return recent
            .Select(report => (report.ShortId, score: Score(words, Words(report.Title + " " + report.Details))))
            .Where(x => x.score >= Threshold)
            .OrderByDescending(x => x.score)
            .Take(max)
            .Select(x => x.ShortId)
            .ToList();
    }

    /// <summary>Overlap of the smaller word set: short titles match long ones that contain them.</summary>
    private static double Score(HashSet<string> a, HashSet<string> b) =>
        b.Count == 0 ? 0 : (double)a.Intersect(b).Count() / Math.Min(a.Count, b.Count);

    private static HashSet<string> Words(string text) =>
        text.ToLowerInvariant()
            .Split(text.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries)
            .Select(Stem)
            .Where(w => w.Length > 1 && !Stop.Contains(w))
            .ToHashSet(StringComparer.Ordinal);

    private static string Stem(string word) => word.Length > 4 && word.EndsWith('s') ? word[..^1] : word;
}
