using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Digests;

/// <summary>Who may change or preview a channel's digest: product managers, and the owners of one of its APIs.</summary>
public sealed class DigestAccess(RoleDirectory roles, TriageAccess access)
{
    public async Task<bool> MayManageAsync(Turn turn, IReadOnlyList<string> apiIds, CancellationToken cancellationToken)
    {
        if (roles.IsProductManager(turn.User)) return true;
        foreach (var apiId in apiIds.Where(id => id != DigestSubscription.AllApis))
        {
            if (await access.MayTriageAsync(turn.TenantKey, turn.User.Key, apiId, cancellationToken)) return true;
        }
        return false;
    }

    public bool IsProductManager(Person person) => roles.IsProductManager(person);
}

/// <summary><c>digest here &lt;api|all&gt;</c>: this channel gets the weekly road map digest of those APIs; each call adds to the list.</summary>
public sealed class DigestHereHandler(ISubscriptionStore subscriptions, ApiCatalog catalog, DigestAccess access, DigestSettings settings, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (turn.Conversation.Kind == ConversationKind.Personal)
            return [new Reply.Text("Say this in the channel that should get the digest: `@FeedbackBot digest here <api>` (or `all`). A personal chat can't subscribe; `digest preview` shows the card here.")];
        if (arguments.Length == 0) return [new Reply.Text("Which API? `digest here <api>`, or `digest here all` for every API.")];

        var channelId = DigestChannels.IdOf(turn.Conversation);
        var existing = await subscriptions.GetAsync(turn.TenantKey, channelId, cancellationToken);
        List<string> apiIds;
        if (arguments.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            if (!access.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can subscribe a channel to every API's digest. API owners can add their own APIs: `digest here <api>`.")];
            apiIds = [DigestSubscription.AllApis];
        }
        else
        {
            var api = await catalog.FindAsync(turn.TenantKey, arguments, cancellationToken);
            if (api is null) return [AboutApiHandler.UnknownApi(arguments)];
            if (!await access.MayManageAsync(turn, [api.Api.Id], cancellationToken))
                return [new Reply.Text($"Only the owners of {api.Api.Name} and product managers can send its digest to a channel.")];
            if (existing is { Active: true } && existing.Covers(api.Api.Id))
                return [new Reply.Text($"This channel already gets the digest of {api.Api.Name}. Nothing changed; `digest` shows what it receives.")];
            apiIds = [.. existing?.ApiIds ?? [], api.Api.Id];
            if (apiIds.Contains(DigestSubscription.AllApis)) apiIds = [DigestSubscription.AllApis];
        }

        var subscription = new DigestSubscription(turn.TenantKey, DigestChannels.HandleOf(turn), apiIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), turn.User.Key, time.GetUtcNow());
        await subscriptions.SetAsync(subscription, cancellationToken);
        var names = await DigestNames.OfAsync(catalog, turn.TenantKey, subscription.ApiIds, cancellationToken);
        return [new Reply.Text($"From now on this channel gets the road map digest of {names} {settings.Schedule}, and their release announcements. Type `digest` to see what it receives, `digest stop` to end it.")];
    }
}

/// <summary><c>digest stop</c>: this channel no longer gets the digest.</summary>
public sealed class DigestStopHandler(ISubscriptionStore subscriptions, DigestAccess access) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (turn.Conversation.Kind == ConversationKind.Personal)
            return [new Reply.Text("Say `digest stop` in the channel that should stop getting the digest. A personal chat never gets one.")];
        var channelId = DigestChannels.IdOf(turn.Conversation);
        var existing = await subscriptions.GetAsync(turn.TenantKey, channelId, cancellationToken);
        if (existing is null) return [new Reply.Text("This channel doesn't get the road map digest, so there is nothing to stop.")];
        if (!await access.MayManageAsync(turn, existing.ApiIds, cancellationToken))
            return [new Reply.Text("Only product managers and the owners of its APIs can stop this channel's digest.")];

        await subscriptions.RemoveAsync(turn.TenantKey, channelId, cancellationToken);
        return [new Reply.Text("This channel no longer gets the weekly road map digest or release announcements. `digest here <api>` starts it again.")];
    }
}

/// <summary><c>digest</c>: what this channel receives (and, for those who manage digests, which channels stopped receiving theirs and why).</summary>
public sealed class DigestShowHandler(ISubscriptionStore subscriptions, ApiCatalog catalog, DigestAccess access, DigestSettings settings) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        if (turn.Conversation.Kind == ConversationKind.Personal)
        {
            lines.Add("Digests go to channels: in a channel, `digest here <api>` (or `all`) posts the weekly road map digest there. `digest preview` shows this week's card here.");
        }
        else if (await subscriptions.GetAsync(turn.TenantKey, DigestChannels.IdOf(turn.Conversation), cancellationToken) is { } mine)
        {
            var names = await DigestNames.OfAsync(catalog, turn.TenantKey, mine.ApiIds, cancellationToken);
            lines.Add(mine.Active
                ? $"This channel gets the road map digest of {names} {settings.Schedule}, and their release announcements. Set up by {mine.SetBy} on {mine.SetAt:d MMM yyyy}."
                : $"This channel's digest of {names} is inactive: {mine.InactiveReason} Type `digest here <api>` to start it again.");
        }
        else
        {
            lines.Add("This channel gets no road map digest. A product manager or an API's owner can start one with `digest here <api>`.");
        }

        if (access.IsProductManager(turn.User) || await OwnsAnyAsync(turn, cancellationToken))
        {
            var inactive = (await subscriptions.ListAsync(turn.TenantKey, cancellationToken)).Where(s => !s.Active).ToList();
            if (inactive.Count > 0)
                lines.Add($"{inactive.Count} channel(s) stopped getting the digest: " + string.Join(" ", inactive.Take(10).Select(s => $"{s.Channel.Address.ConversationId}: {s.InactiveReason}")));
        }
        return [new Reply.Text(string.Join("\n\n", lines))];
    }

    private async Task<bool> OwnsAnyAsync(Turn turn, CancellationToken cancellationToken) =>
        (await catalog.ListAsync(turn.TenantKey, cancellationToken)).Any(e => e.Api.IsOwnedBy(turn.User.Key));
}

/// <summary><c>digest preview</c>: the digest card of the week so far, for this channel's APIs (a personal chat: every API the user manages), sent nowhere.</summary>
public sealed class DigestPreviewHandler(ISubscriptionStore subscriptions, ApiCatalog catalog, DigestAccess access, IDigestComposer composer, DigestSettings settings, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> apiIds;
        if (turn.Conversation.Kind == ConversationKind.Personal)
        {
            apiIds = access.IsProductManager(turn.User)
                ? [DigestSubscription.AllApis]
                : (await catalog.ListAsync(turn.TenantKey, cancellationToken)).Where(e => e.Api.IsOwnedBy(turn.User.Key)).Select(e => e.Api.Id).ToList();
            if (apiIds.Count == 0) return [new Reply.Text("Only product managers and API owners can preview the road map digest.")];
        }
        else
        {
            var mine = await subscriptions.GetAsync(turn.TenantKey, DigestChannels.IdOf(turn.Conversation), cancellationToken);
            if (mine is null) return [new Reply.Text("This channel gets no road map digest, so there is nothing to preview. `digest here <api>` starts one; in a personal chat `digest preview` shows every API's.")];
            if (!await access.MayManageAsync(turn, mine.ApiIds, cancellationToken)) return [new Reply.Text("Only product managers and the owners of its APIs can preview this channel's digest.")];
            apiIds = mine.ApiIds;
        }

        // The week in progress: what the next scheduled digest will say if nothing else happens.
        var period = DigestPeriod.LastWeek(time.GetUtcNow().AddDays(7), settings.Zone);
        var preview = new DigestSubscription(turn.TenantKey, DigestChannels.HandleOf(turn), apiIds, turn.User.Key, time.GetUtcNow());
        var card = await composer.ComposeAsync(preview, period, cancellationToken);
        return card is null
            ? [new Reply.Text($"Nothing shipped, moved or was reported on these APIs in {period.Id} so far, so no digest would be posted this week.")]
            : [card with { Summary = "Preview: " + card.Summary }];
    }
}

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
