using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Digests;

public static class DigestNames
{
    /// <summary>"Payments API and Orders API", or "every API".</summary>
    public static async Task<string> OfAsync(ApiCatalog catalog, string tenantKey, IReadOnlyList<string> apiIds, CancellationToken cancellationToken)
    {
        if (apiIds.Contains(DigestSubscription.AllApis)) return "every API";
        var names = (await catalog.ListAsync(tenantKey, cancellationToken)).ToDictionary(e => e.Api.Id, e => e.Api.Name, StringComparer.OrdinalIgnoreCase);
        var listed = apiIds.Select(id => names.GetValueOrDefault(id, id)).ToList();
        return listed.Count <= 1 ? string.Join("", listed) : $"{string.Join(", ", listed[..^1])} and {listed[^1]}";
    }
}
