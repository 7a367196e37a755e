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
