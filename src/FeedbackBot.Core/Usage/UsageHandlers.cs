using System.Globalization;
using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Digests;

namespace FeedbackBot.Core.Usage;

/// <summary><c>usage &lt;api&gt;</c>: the usage card of the week so far, shown here only (product managers and the API's owners).</summary>
public sealed class UsageShowHandler(ApiCatalog catalog, ApiAccess access, UsageDigestComposer composer, DigestSettings settings, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (arguments.Length == 0) return [new Reply.Text("`usage <api>` shows an API's usage this week so far; `usage status` where it comes from; `help` lists the rest.")];
        var api = await catalog.FindAsync(turn.TenantKey, arguments, cancellationToken);
        if (api is null) return [ApiResolver.Unknown(arguments)];
        if (!await access.MayManageAnyAsync(turn.TenantKey, turn.User, [api.Api.Id], cancellationToken))
            return [new Reply.Text($"Only product managers and the owners of {api.Api.Name} can see its usage.")];
        var period = DigestPeriod.LastWeek(time.GetUtcNow().AddDays(7), settings.Zone);
        var card = await composer.ComposeAsync(turn.TenantKey, [api.Api.Id], period, soFar: true, cancellationToken);
        return [card!];
    }
}

/// <summary><c>usage status</c>: where usage comes from: each key's last batch and counts this week, refusals and why, unmapped ids.</summary>
public sealed class UsageStatusHandler(IUsageKeyStore keys, IUsageSources sources, RoleDirectory roles) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!roles.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can see where usage comes from.")];
        var active = (await keys.ListAsync(turn.TenantKey, cancellationToken)).Where(k => k.RevokedAt is null).ToList();
        var stats = (await sources.StatsAsync(turn.TenantKey, cancellationToken)).ToDictionary(s => s.KeyName, StringComparer.Ordinal);
        var unmapped = await sources.UnmappedAsync(turn.TenantKey, cancellationToken);
        var lines = new List<string>();
        if (active.Count == 0) lines.Add("No active ingest key: `usage key new <name> [<api> …]` makes one for a gateway.");
        foreach (var key in active)
        {
            var s = stats.GetValueOrDefault(key.Name);
            if (s?.LastBatchAt is null)
            {
                lines.Add($"**{key.Name}**: no batch yet.");
                continue;
            }
            var kinds = s.RejectedByKind.Count == 0 ? "" : " (" + string.Join(", ", s.RejectedByKind.OrderByDescending(k => k.Value).Select(k => $"{N(k.Value)} {k.Key}")) + ")";
            lines.Add($"**{key.Name}**: last batch {s.LastBatchAt:d MMM HH:mm} UTC; {s.Week}: {N(s.Accepted)} accepted, {N(s.Duplicate)} duplicate, "
                + $"{N(s.Rejected)} rejected{kinds}, {N(s.Unmapped)} unmapped."
                + (s.LastReasons.Count > 0 ? " Latest refusals: " + string.Join("; ", s.LastReasons.Take(3)) : ""));
        }
        lines.Add(unmapped.Count == 0
            ? "Every gateway id is mapped to an API."
            : "Unmapped gateway ids (kept apart; `usage map <gateway id> <api>` counts them for an API from now on): "
                + string.Join(", ", unmapped.Take(10).Select(u => $"{u.GatewayId} (last seen {u.LastSeenAt:d MMM HH:mm})")));
        return [new Reply.Text("Usage sources:\n" + string.Join("\n", lines))];
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
