using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Roadmap;

/// <summary>Road map items of one tenant; every read is one partition (see the store's key design).</summary>
public interface IRoadmapStore
{
    /// <summary>The next item id (<c>RM-101</c>, …), unique across instances.</summary>
    Task<string> NextItemIdAsync(string tenantKey, CancellationToken cancellationToken);

    Task AddAsync(RoadmapItem item, CancellationToken cancellationToken);

    Task<StoredRoadmapItem?> GetAsync(string tenantKey, string itemId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RoadmapItem>> ListAsync(string tenantKey, string apiId, CancellationToken cancellationToken);

    /// <summary>Ids of the tenant's APIs that have at least one road map item.</summary>
    Task<IReadOnlyList<string>> ApisWithRoadmapAsync(string tenantKey, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the stored item as <see cref="Feedback.IReportStore.UpdateAsync"/> changes a report: <paramref name="change"/>
    /// may decline (null) and runs again on the fresh item after a concurrent write; with <paramref name="ifVersion"/> a
    /// stale edit or move is refused. Returns the item written, or null.
    /// </summary>
    Task<RoadmapItem?> UpdateAsync(string tenantKey, string itemId, Func<RoadmapItem, RoadmapItem?> change, string? ifVersion, CancellationToken cancellationToken);

    /// <summary>Records a vote or a follow, once per person: false when they had already.</summary>
    Task<bool> AddSupporterAsync(string tenantKey, string itemId, SupportKind kind, Supporter supporter, CancellationToken cancellationToken);

    Task<IReadOnlyList<Supporter>> ListSupportersAsync(string tenantKey, string itemId, SupportKind kind, CancellationToken cancellationToken);
}
