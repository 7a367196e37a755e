namespace FeedbackBot.Core.GoToMarket;

/// <summary>Release plans of one tenant, keyed by API and version (see the host's Storage/README.md).</summary>
public interface IReleasePlanStore
{
    Task<ReleasePlan?> GetAsync(string tenantKey, string apiId, string version, CancellationToken cancellationToken);

    /// <summary>Stores a new plan; false when the release already has one.</summary>
    Task<bool> AddAsync(ReleasePlan plan, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the stored plan: <paramref name="change"/> may decline (null) and runs again on the fresh plan after a
    /// concurrent write. Returns the plan written, or null.
    /// </summary>
    Task<ReleasePlan?> UpdateAsync(string tenantKey, string planKey, Func<ReleasePlan, ReleasePlan?> change, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReleasePlan>> ListAsync(string tenantKey, CancellationToken cancellationToken);

    /// <summary>Every tenant with a plan, so the reminder job never scans.</summary>
    Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken);
}
