namespace FeedbackBot.Core.Feedback;

/// <summary>
/// Open reports that look like a given one. They are looked for among the API's most recently filed reports (a
/// bounded set the store keeps, <see cref="IReportStore.ListRecentAsync"/>), not among all its open reports, so a
/// report costs the same whether the API has ten open reports or ten thousand. The few that score are read back, so
/// only reports still open are offered, ranked with their current votes.
/// </summary>
public sealed class SimilarReports(IReportStore reports)
{
    /// <summary>Candidates read back at most: the three that are shown, and room for some closed since they were filed.</summary>
    private const int MaxCandidates = 8;

    public async Task<IReadOnlyList<FeedbackReport>> FindAsync(string tenantKey, string apiId, string title, string details, string? except,
        CancellationToken cancellationToken)
    {
        var recent = await reports.ListRecentAsync(tenantKey, apiId, cancellationToken);
        var candidates = Similarity.Rank(title, details, recent.Where(r => r.ShortId != except), MaxCandidates);
        if (candidates.Count == 0) return [];
        var stored = await Task.WhenAll(candidates.Select(shortId => reports.GetAsync(tenantKey, shortId, cancellationToken)));
        var open = stored.Where(s => s is not null && s.Report.IsOpen && s.Report.ApiId == apiId).Select(s => s!.Report);
        return Similarity.Find(title, details, open);
    }
}
