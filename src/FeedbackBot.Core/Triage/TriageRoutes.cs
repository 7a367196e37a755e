using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Triage;

/// <summary>The channel where an API's reports are triaged; <see cref="AllApis"/> routes every API without its own.</summary>
public sealed record TriageRoute(string TenantKey, string ApiId, ConversationHandle Channel, string SetBy, DateTimeOffset SetAt)
{
    public const string AllApis = "*";
}

public interface ITriageRoutes
{
    Task SetAsync(TriageRoute route, CancellationToken cancellationToken);

    /// <summary>The API's own route, else the tenant's "all" route, else none.</summary>
    Task<TriageRoute?> FindAsync(string tenantKey, string apiId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TriageRoute>> ListAsync(string tenantKey, CancellationToken cancellationToken);

    /// <summary>Every tenant that has set a triage channel (for the reminder job).</summary>
    Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken);
}
