namespace FeedbackBot.Core.Catalog;

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
