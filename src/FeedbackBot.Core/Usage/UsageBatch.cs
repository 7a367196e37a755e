namespace FeedbackBot.Core.Usage;

/// <summary>The rollup of one batch's records about one API in one UTC hour: what one transaction stores.</summary>
public sealed record HourDelta(string ApiId, DateTimeOffset Hour, UsageRollup Rollup, int Records);

/// <summary>
/// A parsed body checked against the key, the clock and the tenant's APIs, and grouped by (API, UTC hour). Gateway ids
/// that are neither a catalog API nor mapped are kept apart under <see cref="UnmappedPrefix"/> + the gateway id.
/// </summary>
public sealed class UsageBatch
{
    public const string UnmappedPrefix = "~";
    public const int MaxReasons = 10;

    public IReadOnlyList<HourDelta> Deltas { get; private init; } = [];

    public List<RejectedLine> Rejected { get; } = [];

    public IReadOnlyDictionary<string, int> UnmappedRecords { get; private init; } = new Dictionary<string, int>();

    public static bool IsUnmapped(string apiId) => apiId.StartsWith(UnmappedPrefix, StringComparison.Ordinal);

    /// <param name="apiIds">The tenant's catalog ids, and its gateway id mappings (lower-case gateway id to API id).</param>
    /// <param name="consumerId">Turns a consumer id into what is stored (a keyed hash, for keys that ask for it).</param>
    public static UsageBatch Build(
        ParsedBatch parsed, UsageKey key, ISet<string> apiIds, IReadOnlyDictionary<string, string> mappings,
        DateTimeOffset now, TimeSpan horizon, TimeSpan skew, Func<string, string> consumerId)
    {
        var groups = new Dictionary<(string Api, DateTimeOffset Hour), (UsageRollup Rollup, int Records)>();
        var unmapped = new Dictionary<string, int>(StringComparer.Ordinal);
        var rejected = new List<RejectedLine>(parsed.Rejected);
        foreach (var (line, record) in parsed.Records)
        {
            if (record.Timestamp > now + skew)
            {
                rejected.Add(new RejectedLine(line, $"\"ts\" {record.Timestamp:yyyy-MM-ddTHH:mm:ssZ} is in the future (the server's clock says {now:yyyy-MM-ddTHH:mm:ssZ})", RejectKinds.Future));
                continue;
            }
            if (record.Timestamp < now - horizon)
            {
                rejected.Add(new RejectedLine(line, $"\"ts\" {record.Timestamp:yyyy-MM-ddTHH:mm:ssZ} is older than the {horizon.TotalDays:0.#}-day de-duplication horizon", RejectKinds.TooOld));
                continue;
            }
            var apiId = Resolve(record.Api, apiIds, mappings);
            if (apiId is null)
            {
                apiId = UnmappedPrefix + record.Api.ToLowerInvariant();
                unmapped[record.Api.ToLowerInvariant()] = unmapped.GetValueOrDefault(record.Api.ToLowerInvariant()) + 1;
            }
            else if (!key.Covers(apiId))
            {
                rejected.Add(new RejectedLine(line, $"API \"{apiId}\" is not covered by key \"{key.Name}\" (it covers {string.Join(", ", key.Apis)})", RejectKinds.NotCovered));
                continue;
            }
            var at = record.Timestamp.ToUniversalTime();
            var hour = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero);
            var group = groups.GetValueOrDefault((apiId, hour));
            group.Rollup ??= new UsageRollup();
            group.Rollup.Add(record with { Consumer = consumerId(record.Consumer) });
            groups[(apiId, hour)] = (group.Rollup, group.Records + 1);
        }
        var batch = new UsageBatch
        {
            Deltas = groups.Select(g => new HourDelta(g.Key.Api, g.Key.Hour, g.Value.Rollup, g.Value.Records)).OrderBy(d => d.Hour).ThenBy(d => d.ApiId, StringComparer.Ordinal).ToList(),
            UnmappedRecords = unmapped,
        };
        batch.Rejected.AddRange(rejected.OrderBy(r => r.Line));
        return batch;
    }

    private static string? Resolve(string given, ISet<string> apiIds, IReadOnlyDictionary<string, string> mappings)
    {
        var lower = given.ToLowerInvariant();
        if (mappings.TryGetValue(lower, out var mapped)) return mapped;
        return apiIds.Contains(lower) ? lower : null;
    }
}

/// <summary>What the gateway is told, and what <c>usage status</c> counts: records newly stored, already stored, refused.</summary>
public sealed record UsageBatchOutcome(long Accepted, long Duplicate, long Rejected, long Unmapped, IReadOnlyList<RejectedLine> Reasons,
    IReadOnlyDictionary<string, int> UnmappedIds)
{
    public IReadOnlyDictionary<string, long> RejectedByKind => Reasons.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => (long)g.Count());
}
