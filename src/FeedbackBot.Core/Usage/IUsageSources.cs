namespace FeedbackBot.Core.Usage;

/// <summary>Where usage comes from: gateway id mappings, each key's counts this week, the unmapped gateway ids.</summary>
public interface IUsageSources
{
    Task SetMappingAsync(string tenantKey, string gatewayId, string apiId, string by, CancellationToken cancellationToken);

    /// <summary>Gateway id (lower case) to catalog API id.</summary>
    Task<IReadOnlyDictionary<string, string>> MappingsAsync(string tenantKey, CancellationToken cancellationToken);

    Task RecordBatchAsync(string tenantKey, string keyName, UsageBatchOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<UsageSourceStats>> StatsAsync(string tenantKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<UnmappedSource>> UnmappedAsync(string tenantKey, CancellationToken cancellationToken);

    /// <summary>The tenant's random secret for signing chart links (made on first use, never shown).</summary>
    Task<byte[]> SaltAsync(string tenantKey, CancellationToken cancellationToken);
}
