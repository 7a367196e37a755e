namespace FeedbackBot.Core.Usage;

/// <summary>Ingest keys, found by the hash of their secret (the ingest path) or by name within a tenant (chat).</summary>
public interface IUsageKeyStore
{
    /// <summary>False when the tenant already has a key of that name.</summary>
    Task<bool> AddAsync(UsageKey key, CancellationToken cancellationToken);

    Task<IReadOnlyList<UsageKey>> ListAsync(string tenantKey, CancellationToken cancellationToken);

    Task<UsageKey?> FindBySecretHashAsync(string secretHash, CancellationToken cancellationToken);

    /// <summary>False when there is no such key (or it was revoked already).</summary>
    Task<bool> RevokeAsync(string tenantKey, string name, DateTimeOffset at, CancellationToken cancellationToken);
}
