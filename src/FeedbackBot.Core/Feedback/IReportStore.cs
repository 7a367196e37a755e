namespace FeedbackBot.Core.Feedback;

/// <summary>Reports of one tenant; every read is one partition (see the store's key design).</summary>
public interface IReportStore
{
    /// <summary>The next short id (<c>FB-1001</c>, …), unique across instances.</summary>
    Task<string> NextShortIdAsync(string tenantKey, CancellationToken cancellationToken);

    Task AddAsync(FeedbackReport report, CancellationToken cancellationToken);

    Task<StoredReport?> GetAsync(string tenantKey, string shortId, CancellationToken cancellationToken);

    Task<IReadOnlyList<FeedbackReport>> ListOpenAsync(string tenantKey, string apiId, CancellationToken cancellationToken);

    /// <summary>Every report on the API created at or after <paramref name="since"/> (one partition).</summary>
    Task<IReadOnlyList<FeedbackReport>> ListSinceAsync(string tenantKey, string apiId, DateTimeOffset since, CancellationToken cancellationToken);

    Task<IReadOnlyList<FeedbackReport>> ListByReporterAsync(string tenantKey, string personKey, CancellationToken cancellationToken);

    /// <summary>Replaces the report if it still has the ETag it was read with; false when someone changed it since.</summary>
    Task<bool> TryReplaceAsync(StoredReport read, FeedbackReport updated, CancellationToken cancellationToken);

    /// <summary>Records one person's +1 (idempotent): false when they had already voted.</summary>
    Task<bool> AddVoteAsync(string tenantKey, string shortId, string personKey, string comment, CancellationToken cancellationToken);

    Task DeleteAsync(string tenantKey, string shortId, CancellationToken cancellationToken);
}
