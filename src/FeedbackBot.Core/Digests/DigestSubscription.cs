using System.Globalization;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Digests;

/// <summary>
/// A channel that receives the weekly road map digest and release announcements of some APIs
/// (<see cref="AllApis"/> for every API). Inactive once the platform said the channel is gone (403/404).
/// </summary>
public sealed record DigestSubscription(
    string TenantKey,
    ConversationHandle Channel,
    IReadOnlyList<string> ApiIds,
    string SetBy,
    DateTimeOffset SetAt,
    bool Active = true,
    string InactiveReason = "")
{
    public const string AllApis = "*";

    public bool Covers(string apiId) => ApiIds.Contains(AllApis) || ApiIds.Contains(apiId, StringComparer.OrdinalIgnoreCase);

    /// <summary>The APIs named one by one (without <see cref="AllApis"/>).</summary>
    public IEnumerable<string> NamedApis => ApiIds.Where(id => id != AllApis);
}

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

/// <summary>The week a digest covers, in the digest's time zone: <c>2026-W48</c>, Monday 00:00 to the next Monday.</summary>
public sealed record DigestPeriod(string Id, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The last full week before <paramref name="now"/> (a Monday-morning digest covers the week that just ended).</summary>
    public static DigestPeriod LastWeek(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var monday = local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)).AddDays(-7);
        var start = new DateTimeOffset(monday, zone.GetUtcOffset(monday));
        var end = new DateTimeOffset(monday.AddDays(7), zone.GetUtcOffset(monday.AddDays(7)));
        var id = $"{ISOWeek.GetYear(monday)}-W{ISOWeek.GetWeekOfYear(monday):00}";
        return new DigestPeriod(id, start, end);
    }
}

/// <summary>Draws one subscription's digest for a period; null when its APIs had no activity.</summary>
public interface IDigestComposer
{
    Task<Reply.Card?> ComposeAsync(DigestSubscription subscription, DigestPeriod period, CancellationToken cancellationToken);
}
