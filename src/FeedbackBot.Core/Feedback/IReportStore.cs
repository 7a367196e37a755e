using FeedbackBot.Core.Roadmap;

namespace FeedbackBot.Core.Feedback;

/// <summary>Reports of one tenant; every read is one partition (see the store's key design).</summary>
public interface IReportStore
{
    /// <summary>The next short id (<c>FB-1001</c>, …), unique across instances.</summary>
    Task<string> NextShortIdAsync(string tenantKey, CancellationToken cancellationToken);

    Task AddAsync(FeedbackReport report, CancellationToken cancellationToken);

    Task<StoredReport?> GetAsync(string tenantKey, string shortId, CancellationToken cancellationToken);

    Task<IReadOnlyList<FeedbackReport>> ListOpenAsync(string tenantKey, string apiId, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="count"/> open reports on the API, in the order <see cref="ListOpenAsync(string, string, CancellationToken)"/> lists them.</summary>
    Task<IReadOnlyList<FeedbackReport>> ListOpenAsync(string tenantKey, string apiId, int count, CancellationToken cancellationToken);

    /// <summary>
    /// The reports last filed on the API, open or not (a few hundred at most, whatever the backlog): what the
    /// similarity check compares a new report with (<see cref="SimilarReports"/>).
    /// </summary>
    Task<IReadOnlyList<RecentReport>> ListRecentAsync(string tenantKey, string apiId, CancellationToken cancellationToken);

    /// <summary>Every report on the API created at or after <paramref name="since"/> (one partition).</summary>
    Task<IReadOnlyList<FeedbackReport>> ListSinceAsync(string tenantKey, string apiId, DateTimeOffset since, CancellationToken cancellationToken);

    Task<IReadOnlyList<FeedbackReport>> ListByReporterAsync(string tenantKey, string personKey, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the stored report: <paramref name="change"/> gets the current report and returns the new one, or null to
    /// leave it as it is. It is written under the ETag it was read with; after a concurrent write it is run again on the
    /// fresh report. With <paramref name="ifVersion"/> (the <see cref="StoredReport.ETag"/> a person acted on) nothing is
    /// written once the report has changed since: the first decision wins. Returns the report written, or null.
    /// </summary>
    Task<FeedbackReport?> UpdateAsync(string tenantKey, string shortId, Func<FeedbackReport, FeedbackReport?> change, string? ifVersion, CancellationToken cancellationToken);

    /// <summary>Records one person's +1 and where to tell them of changes (idempotent): false when they had already voted.</summary>
    Task<bool> AddVoteAsync(string tenantKey, string shortId, Supporter voter, string comment, CancellationToken cancellationToken);

    /// <summary>
    /// Someone who hears the report's changes without a vote (the reporter and voters of a duplicate of it);
    /// idempotent, and a person who voted stays a voter.
    /// </summary>
    Task AddFollowerAsync(string tenantKey, string shortId, Supporter follower, CancellationToken cancellationToken);

    /// <summary>Voters and followers of the report (one partition), each once.</summary>
    Task<IReadOnlyList<Supporter>> ListFollowersAsync(string tenantKey, string shortId, CancellationToken cancellationToken);

    /// <summary>The reports this person +1'd or follows (<c>mine</c>).</summary>
    Task<IReadOnlyList<FeedbackReport>> ListFollowedAsync(string tenantKey, string personKey, CancellationToken cancellationToken);

    Task DeleteAsync(string tenantKey, string shortId, CancellationToken cancellationToken);
}
