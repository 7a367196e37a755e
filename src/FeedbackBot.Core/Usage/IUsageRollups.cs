namespace FeedbackBot.Core.Usage;

/// <summary>One API's usage of one UTC day, folded from its hours.</summary>
public sealed record UsageDay(DateOnly Day, UsageRollup Rollup);

/// <summary>
/// The rollups as the digest and chat read them: whole UTC days, one row each, so any period costs a number of reads
/// set by its length, never by its traffic.
/// </summary>
public interface IUsageRollups
{
    /// <summary>The days from <paramref name="first"/> to <paramref name="last"/> (inclusive) that had traffic.</summary>
    Task<IReadOnlyList<UsageDay>> DaysAsync(string tenantKey, string apiId, DateOnly first, DateOnly last, CancellationToken cancellationToken);

    /// <summary>Rows read so far by this instance (the benchmark shows the digest's reads do not grow with traffic).</summary>
    long Reads { get; }
}
