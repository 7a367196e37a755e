namespace FeedbackBot.Core.Catalog;

public enum ApiLifecycle { Preview, GA, Deprecated }

/// <summary>An API's story as consumers read it in <c>about &lt;api&gt;</c>.</summary>
public sealed record ApiEntry(
    string Id,
    string Name,
    string Pitch,
    string Audience,
    string Problem,
    ApiLifecycle Status,
    string Version,
    string DocsUrl,
    IReadOnlyList<string> Owners)
{
    public bool IsOwnedBy(string personKey) => Owners.Contains(personKey, StringComparer.OrdinalIgnoreCase);
}

/// <summary>A catalog entry with the version stamp its store gave it; <see cref="ETag"/> is empty for an entry only seeded from configuration.</summary>
public sealed record CatalogEntry(ApiEntry Api, string ETag, bool Seeded);

public enum SaveOutcome { Saved, AlreadyExists, ChangedByOthers }

/// <summary>Stored catalog entries of one tenant or workspace. Implemented over Table Storage in the host.</summary>
public interface ICatalogStore
{
    Task<IReadOnlyList<CatalogEntry>> ListAsync(string tenantKey, CancellationToken cancellationToken);

    Task<CatalogEntry?> GetAsync(string tenantKey, string apiId, CancellationToken cancellationToken);

    /// <summary>Stores a new entry; <see cref="SaveOutcome.AlreadyExists"/> when one with that id is stored already.</summary>
    Task<SaveOutcome> AddAsync(string tenantKey, ApiEntry api, string changedBy, CancellationToken cancellationToken);

    /// <summary>Replaces the stored entry only if it still has <paramref name="etag"/>.</summary>
    Task<SaveOutcome> ReplaceAsync(string tenantKey, ApiEntry api, string etag, string changedBy, CancellationToken cancellationToken);
}
