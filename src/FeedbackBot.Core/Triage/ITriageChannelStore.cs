namespace FeedbackBot.Core.Triage;

/// <summary>Where each API's reports are triaged, per tenant.</summary>
public interface ITriageChannelStore
{
    Task SetAsync(TriageChannel channel, CancellationToken cancellationToken);

    /// <summary>The API's own channel, else the tenant's "all" channel, else none.</summary>
    Task<TriageChannel?> FindAsync(string tenantKey, string apiId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TriageChannel>> ListAsync(string tenantKey, CancellationToken cancellationToken);

    /// <summary>Every tenant that has set a triage channel (for the reminder job).</summary>
    Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken);
}
