using System.Globalization;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Digests;

public interface ISubscriptionStore
{
    /// <summary>Creates or replaces the channel's subscription (it becomes active again).</summary>
    Task SetAsync(DigestSubscription subscription, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(string tenantKey, string conversationId, CancellationToken cancellationToken);

    Task<DigestSubscription?> GetAsync(string tenantKey, string conversationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DigestSubscription>> ListAsync(string tenantKey, CancellationToken cancellationToken);

    /// <summary>Every tenant with a subscription (for the weekly fan-out; no table scan).</summary>
    Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken);

    Task MarkInactiveAsync(string tenantKey, string conversationId, string reason, CancellationToken cancellationToken);
}
