using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Roadmap;

public enum RoadmapStatus { Considering, Planned, InProgress, Shipped, Dropped }

/// <summary>
/// One item of an API's published road map: the story of what changes for consumers, where it stands, when it is
/// expected (<see cref="Target"/>: a quarter like 2027-Q1 or a month like 2027-03), and the reports it answers.
/// </summary>
public sealed record RoadmapItem(
    string TenantKey,
    string ApiId,
    string ItemId,
    string Title,
    string Description,
    RoadmapStatus Status,
    string Target,
    IReadOnlyList<string> LinkedReports,
    int Votes,
    int Followers,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusChangedAt,
    string Note,
    IReadOnlyList<ReportEvent> History)
{
    public bool IsOpen => Status is RoadmapStatus.Considering or RoadmapStatus.Planned or RoadmapStatus.InProgress;

    public RoadmapItem With(ReportEvent happened) => this with { History = EventHistory.Append(History, happened) };
}

public sealed record StoredRoadmapItem(RoadmapItem Item, string ETag);

public enum SupportKind { Vote, Follow }

/// <summary>Someone who voted for or follows an item, and where they can be told when it ships.</summary>
public sealed record Supporter(Person Person, ConversationHandle SeenIn);

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

    /// <summary>Replaces the item if it still has the ETag it was read with; false when someone changed it since.</summary>
    Task<bool> TryReplaceAsync(StoredRoadmapItem read, RoadmapItem updated, CancellationToken cancellationToken);

    /// <summary>Records a vote or a follow, once per person: false when they had already.</summary>
    Task<bool> AddSupporterAsync(string tenantKey, string itemId, SupportKind kind, Supporter supporter, CancellationToken cancellationToken);

    Task<IReadOnlyList<Supporter>> ListSupportersAsync(string tenantKey, string itemId, SupportKind kind, CancellationToken cancellationToken);
}
