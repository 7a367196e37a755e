namespace FeedbackBot.Core.Catalog;

/// <summary>
/// The catalog a tenant sees: the entries seeded from configuration (<c>Catalog:Apis</c>), overlaid by what its
/// product managers stored from chat. An edit of a seeded entry is stored, and from then on wins over the seed.
/// </summary>
public sealed class ApiCatalog(ICatalogStore store, IReadOnlyList<ApiEntry> seed)
{
    public async Task<IReadOnlyList<CatalogEntry>> ListAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var stored = await store.ListAsync(tenantKey, cancellationToken);
        var storedIds = stored.Select(e => e.Api.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return seed.Where(api => !storedIds.Contains(api.Id))
            .Select(api => new CatalogEntry(api, "", Seeded: true))
            .Concat(stored)
            .OrderBy(e => e.Api.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Finds an API by id (<c>payments</c>) or by name (<c>Payments API</c>, <c>payments api</c>).</summary>
    public async Task<CatalogEntry?> FindAsync(string tenantKey, string idOrName, CancellationToken cancellationToken)
    {
        var wanted = idOrName.Trim();
        if (wanted.Length == 0) return null;
        if (ApiForm.IsValidId(wanted.ToLowerInvariant()))
        {
            var stored = await store.GetAsync(tenantKey, wanted.ToLowerInvariant(), cancellationToken);
            if (stored is not null) return stored;
            var seeded = seed.FirstOrDefault(api => api.Id.Equals(wanted, StringComparison.OrdinalIgnoreCase));
            if (seeded is not null) return new CatalogEntry(seeded, "", Seeded: true);
        }
        var all = await ListAsync(tenantKey, cancellationToken);
        return all.FirstOrDefault(e => e.Api.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(e => e.Api.Name.Equals(wanted + " API", StringComparison.OrdinalIgnoreCase));
    }

    public Task<SaveOutcome> AddAsync(string tenantKey, ApiEntry api, string changedBy, CancellationToken cancellationToken) =>
        seed.Any(s => s.Id.Equals(api.Id, StringComparison.OrdinalIgnoreCase))
            ? Task.FromResult(SaveOutcome.AlreadyExists)
            : store.AddAsync(tenantKey, api, changedBy, cancellationToken);

    /// <summary>Saves an edit made on the version the editor saw (<paramref name="etag"/>, empty for a seeded entry).</summary>
    public async Task<SaveOutcome> UpdateAsync(string tenantKey, ApiEntry api, string etag, string changedBy, CancellationToken cancellationToken)
    {
        if (etag.Length > 0) return await store.ReplaceAsync(tenantKey, api, etag, changedBy, cancellationToken);
        // The editor saw the seed: the first stored edit wins, a second one made on the same seed is a conflict.
        var outcome = await store.AddAsync(tenantKey, api, changedBy, cancellationToken);
        return outcome == SaveOutcome.AlreadyExists ? SaveOutcome.ChangedByOthers : outcome;
    }
}
