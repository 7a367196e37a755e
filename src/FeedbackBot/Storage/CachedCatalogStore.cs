using System.Collections.Concurrent;
using FeedbackBot.Core.Catalog;

namespace FeedbackBot.Storage;

/// <summary>
/// The catalog as most turns read it (help, a report naming its API): a tenant's stored entries are read once and
/// kept for <see cref="Lifetime"/>; an edit made here forgets them at once, so the editor and this instance see it
/// next; another instance sees it within the lifetime. A stale ETag still cannot overwrite: saves go to storage.
/// </summary>
public sealed class CachedCatalogStore(ICatalogStore stored, TimeProvider time) : ICatalogStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Kept> kept = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> versions = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<CatalogEntry>> ListAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (kept.TryGetValue(tenantKey, out var found) && found.Until > now) return found.Entries;
        // A read that overlaps an edit must not put back what the edit replaced: keep it only if no edit came in between.
        var version = versions.GetValueOrDefault(tenantKey);
        var entries = await stored.ListAsync(tenantKey, cancellationToken);
        if (versions.GetValueOrDefault(tenantKey) == version) kept[tenantKey] = new Kept(entries, now + Lifetime);
        return entries;
    }

    public async Task<CatalogEntry?> GetAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        (await ListAsync(tenantKey, cancellationToken)).FirstOrDefault(e => string.Equals(e.Api.Id, apiId, StringComparison.Ordinal));

    public async Task<SaveOutcome> AddAsync(string tenantKey, ApiEntry api, string changedBy, CancellationToken cancellationToken)
    {
        Forget(tenantKey);
        try
        {
            return await stored.AddAsync(tenantKey, api, changedBy, cancellationToken);
        }
        finally
        {
            Forget(tenantKey);
        }
    }

    public async Task<SaveOutcome> ReplaceAsync(string tenantKey, ApiEntry api, string etag, string changedBy, CancellationToken cancellationToken)
    {
        Forget(tenantKey);
        try
        {
            return await stored.ReplaceAsync(tenantKey, api, etag, changedBy, cancellationToken);
        }
        finally
        {
            Forget(tenantKey);
        }
    }

    private void Forget(string tenantKey)
    {
        versions.AddOrUpdate(tenantKey, 1, (_, v) => v + 1);
        kept.TryRemove(tenantKey, out _);
    }

    private sealed record Kept(IReadOnlyList<CatalogEntry> Entries, DateTimeOffset Until);
}
