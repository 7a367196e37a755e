using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Tests.Doubles;

/// <summary>Reports in memory, versioned like Table Storage's ETags (each write a new version).</summary>
public sealed class MemoryReportStore : IReportStore
{
    private readonly Dictionary<(string Tenant, string Id), StoredReport> rows = [];
    private readonly HashSet<(string, string, string)> votes = [];
    private readonly List<(string TenantKey, string ShortId, Supporter Who)> followers = [];
    private int next = 1001;
    private int version;

    /// <summary>Runs just before a write: a test makes "someone else" write here, as a concurrent click would.</summary>
    public Action<string>? BeforeWrite { get; set; }

    public Task<string> NextShortIdAsync(string tenantKey, CancellationToken cancellationToken) => Task.FromResult($"FB-{next++}");

    public Task AddAsync(FeedbackReport report, CancellationToken cancellationToken)
    {
        rows.Add((report.TenantKey, report.ShortId), new StoredReport(report, $"v{++version}"));
        return Task.CompletedTask;
    }

    public Task<StoredReport?> GetAsync(string tenantKey, string shortId, CancellationToken cancellationToken) =>
        Task.FromResult(rows.GetValueOrDefault((tenantKey, shortId)));

    public Task<IReadOnlyList<FeedbackReport>> ListOpenAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        List(r => r.TenantKey == tenantKey && r.ApiId == apiId && r.IsOpen);

    public async Task<IReadOnlyList<FeedbackReport>> ListOpenAsync(string tenantKey, string apiId, int count, CancellationToken cancellationToken) =>
        (await ListOpenAsync(tenantKey, apiId, cancellationToken)).Take(count).ToList();

    public async Task<IReadOnlyList<RecentReport>> ListRecentAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        (await List(r => r.TenantKey == tenantKey && r.ApiId == apiId)).Select(r => new RecentReport(r.ShortId, r.Title, r.Details)).ToList();

    public Task<IReadOnlyList<FeedbackReport>> ListSinceAsync(string tenantKey, string apiId, DateTimeOffset since, CancellationToken cancellationToken) =>
        List(r => r.TenantKey == tenantKey && r.ApiId == apiId && r.CreatedAt >= since);

    public Task<IReadOnlyList<FeedbackReport>> ListByReporterAsync(string tenantKey, string personKey, CancellationToken cancellationToken) =>
        List(r => r.TenantKey == tenantKey && r.Reporter.Key == personKey);

    public Task<FeedbackReport?> UpdateAsync(string tenantKey, string shortId, Func<FeedbackReport, FeedbackReport?> change, string? ifVersion, CancellationToken cancellationToken)
    {
        var hook = BeforeWrite;
        BeforeWrite = null;
        hook?.Invoke(shortId);
        if (!rows.TryGetValue((tenantKey, shortId), out var current)) return Task.FromResult<FeedbackReport?>(null);
        if (ifVersion is not null && current.ETag != ifVersion) return Task.FromResult<FeedbackReport?>(null);
        if (change(current.Report) is not { } changed) return Task.FromResult<FeedbackReport?>(null);
        rows[(tenantKey, shortId)] = new StoredReport(changed, $"v{++version}");
        return Task.FromResult<FeedbackReport?>(changed);
    }

    public Task<bool> AddVoteAsync(string tenantKey, string shortId, Supporter voter, string comment, CancellationToken cancellationToken)
    {
        if (!votes.Add((tenantKey, shortId, voter.Person.Key))) return Task.FromResult(false);
        followers.Add((tenantKey, shortId, voter));
        return Task.FromResult(true);
    }

    public Task AddFollowerAsync(string tenantKey, string shortId, Supporter follower, CancellationToken cancellationToken)
    {
        if (!followers.Any(f => f.TenantKey == tenantKey && f.ShortId == shortId && f.Who.Person.Key == follower.Person.Key))
            followers.Add((tenantKey, shortId, follower));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Supporter>> ListFollowersAsync(string tenantKey, string shortId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Supporter>>(followers.Where(f => f.TenantKey == tenantKey && f.ShortId == shortId).Select(f => f.Who).ToList());

    public Task<IReadOnlyList<FeedbackReport>> ListFollowedAsync(string tenantKey, string personKey, CancellationToken cancellationToken)
    {
        var followed = followers.Where(f => f.TenantKey == tenantKey && f.Who.Person.Key == personKey).Select(f => f.ShortId).ToHashSet();
        return List(r => r.TenantKey == tenantKey && followed.Contains(r.ShortId));
    }

    public Task DeleteAsync(string tenantKey, string shortId, CancellationToken cancellationToken)
    {
        rows.Remove((tenantKey, shortId));
        return Task.CompletedTask;
    }

    private Task<IReadOnlyList<FeedbackReport>> List(Func<FeedbackReport, bool> where) =>
        Task.FromResult<IReadOnlyList<FeedbackReport>>(rows.Values.Select(r => r.Report).Where(where).ToList());
}

public sealed class MemoryRoadmapStore : IRoadmapStore
{
    private readonly Dictionary<(string Tenant, string Id), StoredRoadmapItem> rows = [];
    private readonly Dictionary<(string, string, SupportKind), List<Supporter>> supporters = [];
    private int next = 101;
    private int version;

    public Task<string> NextItemIdAsync(string tenantKey, CancellationToken cancellationToken) => Task.FromResult($"RM-{next++}");

    public Task AddAsync(RoadmapItem item, CancellationToken cancellationToken)
    {
        rows.Add((item.TenantKey, item.ItemId), new StoredRoadmapItem(item, $"v{++version}"));
        return Task.CompletedTask;
    }

    public Task<StoredRoadmapItem?> GetAsync(string tenantKey, string itemId, CancellationToken cancellationToken) =>
        Task.FromResult(rows.GetValueOrDefault((tenantKey, itemId)));

    public Task<IReadOnlyList<RoadmapItem>> ListAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RoadmapItem>>(rows.Values.Select(r => r.Item).Where(i => i.TenantKey == tenantKey && i.ApiId == apiId).ToList());

    public Task<IReadOnlyList<string>> ApisWithRoadmapAsync(string tenantKey, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(rows.Values.Where(r => r.Item.TenantKey == tenantKey).Select(r => r.Item.ApiId).Distinct().ToList());

    public Task<RoadmapItem?> UpdateAsync(string tenantKey, string itemId, Func<RoadmapItem, RoadmapItem?> change, string? ifVersion, CancellationToken cancellationToken)
    {
        if (!rows.TryGetValue((tenantKey, itemId), out var current)) return Task.FromResult<RoadmapItem?>(null);
        if (ifVersion is not null && current.ETag != ifVersion) return Task.FromResult<RoadmapItem?>(null);
        if (change(current.Item) is not { } changed) return Task.FromResult<RoadmapItem?>(null);
        rows[(tenantKey, itemId)] = new StoredRoadmapItem(changed, $"v{++version}");
        return Task.FromResult<RoadmapItem?>(changed);
    }

    public Task<bool> AddSupporterAsync(string tenantKey, string itemId, SupportKind kind, Supporter supporter, CancellationToken cancellationToken)
    {
        var list = supporters.TryGetValue((tenantKey, itemId, kind), out var found) ? found : supporters[(tenantKey, itemId, kind)] = [];
        if (list.Any(s => s.Person.Key == supporter.Person.Key)) return Task.FromResult(false);
        list.Add(supporter);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<Supporter>> ListSupportersAsync(string tenantKey, string itemId, SupportKind kind, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Supporter>>(supporters.GetValueOrDefault((tenantKey, itemId, kind)) ?? []);
}

public sealed class MemoryTriageChannelStore : ITriageChannelStore
{
    private readonly List<TriageChannel> channels = [];

    public Task SetAsync(TriageChannel channel, CancellationToken cancellationToken)
    {
        channels.RemoveAll(c => c.TenantKey == channel.TenantKey && c.ApiId == channel.ApiId);
        channels.Add(channel);
        return Task.CompletedTask;
    }

    public Task<TriageChannel?> FindAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        Task.FromResult(channels.FirstOrDefault(c => c.TenantKey == tenantKey && c.ApiId == apiId)
            ?? channels.FirstOrDefault(c => c.TenantKey == tenantKey && c.ApiId == TriageChannel.AllApis));

    public Task<IReadOnlyList<TriageChannel>> ListAsync(string tenantKey, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TriageChannel>>(channels.Where(c => c.TenantKey == tenantKey).ToList());

    public Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(channels.Select(c => c.TenantKey).Distinct().ToList());
}

public sealed class MemoryDeliveryLog : IDeliveryLog
{
    public Dictionary<(string Delivery, string Destination), string> Claims { get; } = [];

    public Task<bool> TryStartAsync(string delivery, string destination, CancellationToken cancellationToken) =>
        Task.FromResult(Claims.TryAdd((delivery, destination), "sending"));

    public Task CompleteAsync(string delivery, string destination, string messageId, CancellationToken cancellationToken)
    {
        Claims[(delivery, destination)] = messageId;
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string delivery, string destination, CancellationToken cancellationToken)
    {
        Claims.Remove((delivery, destination));
        return Task.CompletedTask;
    }
}

/// <summary>A messenger that records what would have been sent, to whom.</summary>
public sealed class RecordingMessenger : IMessenger
{
    private int next;

    public List<(ConversationHandle To, Reply Reply)> Posted { get; } = [];
    public List<(PostedMessage Message, Reply.Card Card)> Updated { get; } = [];
    public List<(Person Person, Reply Reply)> Notified { get; } = [];

    public Task<PostedMessage> PostAsync(ConversationHandle to, Reply reply, string? threadOf, CancellationToken cancellationToken)
    {
        Posted.Add((to, reply));
        return Task.FromResult(new PostedMessage(to, $"m{++next}"));
    }

    public Task UpdateAsync(PostedMessage message, Reply.Card card, CancellationToken cancellationToken)
    {
        Updated.Add((message, card));
        return Task.CompletedTask;
    }

    public Task<PostedMessage> NotifyAsync(Person person, ConversationHandle seenIn, Reply reply, CancellationToken cancellationToken)
    {
        Notified.Add((person, reply));
        return Task.FromResult(new PostedMessage(seenIn, $"m{++next}"));
    }
}
