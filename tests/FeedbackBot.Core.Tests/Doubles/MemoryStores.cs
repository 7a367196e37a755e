using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Tests.Doubles;

/// <summary>In-memory stand-ins for the storage ports, for unit tests of core rules (the Table Storage stores are tested against Azurite).</summary>
public sealed class MemoryCatalogStore : ICatalogStore
{
    private readonly Dictionary<(string, string), CatalogEntry> entries = [];
    private int version;

    public Task<IReadOnlyList<CatalogEntry>> ListAsync(string tenantKey, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CatalogEntry>>(entries.Where(e => e.Key.Item1 == tenantKey).Select(e => e.Value).ToList());

    public Task<CatalogEntry?> GetAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        Task.FromResult(entries.GetValueOrDefault((tenantKey, apiId)));

    public Task<SaveOutcome> AddAsync(string tenantKey, ApiEntry api, string changedBy, CancellationToken cancellationToken)
    {
        if (entries.ContainsKey((tenantKey, api.Id))) return Task.FromResult(SaveOutcome.AlreadyExists);
        entries[(tenantKey, api.Id)] = new CatalogEntry(api, $"v{++version}", Seeded: false);
        return Task.FromResult(SaveOutcome.Saved);
    }

    public Task<SaveOutcome> ReplaceAsync(string tenantKey, ApiEntry api, string etag, string changedBy, CancellationToken cancellationToken)
    {
        if (!entries.TryGetValue((tenantKey, api.Id), out var current) || current.ETag != etag) return Task.FromResult(SaveOutcome.ChangedByOthers);
        entries[(tenantKey, api.Id)] = new CatalogEntry(api, $"v{++version}", Seeded: false);
        return Task.FromResult(SaveOutcome.Saved);
    }
}

public sealed class MemoryFlowStateStore : IFlowStateStore
{
    public Dictionary<(string, string), PendingQuestion> Questions { get; } = [];

    public Task<PendingQuestion?> GetAsync(ConversationAddress conversation, Person user, CancellationToken cancellationToken) =>
        Task.FromResult(Questions.GetValueOrDefault((conversation.ConversationId, user.Key)));

    public Task SaveAsync(ConversationAddress conversation, Person user, PendingQuestion question, CancellationToken cancellationToken)
    {
        Questions[(conversation.ConversationId, user.Key)] = question;
        return Task.CompletedTask;
    }

    public Task ClearAsync(ConversationAddress conversation, Person user, CancellationToken cancellationToken)
    {
        Questions.Remove((conversation.ConversationId, user.Key));
        return Task.CompletedTask;
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
