using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Digests;

namespace FeedbackBot.Core.Usage;

/// <summary>The usage digest's subscriptions: the digest's own store type, kept in a table of its own.</summary>
public sealed record UsageSubscriptions(ISubscriptionStore Store);

/// <summary><c>digest here usage &lt;api|all&gt;</c>: this channel gets the weekly usage digest of that API (each call adds one).</summary>
public sealed class UsageDigestHereHandler(UsageSubscriptions subscriptions, ApiCatalog catalog, ApiAccess access, UsageSchedule schedule, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (turn.Conversation.Kind == ConversationKind.Personal)
            return [new Reply.Text("Say this in the channel that should get the usage digest: `digest here usage <api>` (or `all`). Here, `usage <api>` shows the week so far.")];
        if (arguments.Length == 0) return [new Reply.Text("Which API? `digest here usage <api>`, or `digest here usage all` for every API.")];
        var store = subscriptions.Store;
        var channelId = DigestChannels.IdOf(turn.Conversation);
        var existing = await store.GetAsync(turn.TenantKey, channelId, cancellationToken);
        List<string> apiIds;
        if (arguments.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            if (!access.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can subscribe a channel to every API's usage digest.")];
            apiIds = [DigestSubscription.AllApis];
        }
        else
        {
            var api = await catalog.FindAsync(turn.TenantKey, arguments, cancellationToken);
            if (api is null) return [ApiResolver.Unknown(arguments)];
            if (!await access.MayManageAnyAsync(turn.TenantKey, turn.User, [api.Api.Id], cancellationToken))
                return [new Reply.Text($"Only the owners of {api.Api.Name} and product managers can send its usage digest to a channel.")];
            if (existing is { Active: true } && existing.Covers(api.Api.Id))
                return [new Reply.Text($"This channel already gets the usage digest of {api.Api.Name}. Nothing changed.")];
            apiIds = [.. existing?.ApiIds ?? [], api.Api.Id];
            if (apiIds.Contains(DigestSubscription.AllApis)) apiIds = [DigestSubscription.AllApis];
        }
        var subscription = new DigestSubscription(turn.TenantKey, DigestChannels.HandleOf(turn), apiIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), turn.User.Key, time.GetUtcNow());
        await store.SetAsync(subscription, cancellationToken);
        var names = await DigestNames.OfAsync(catalog, turn.TenantKey, subscription.ApiIds, cancellationToken);
        return [new Reply.Text($"From now on this channel gets the usage digest of {names} {schedule.Description}: traffic, errors, latency and consumers against the week before. `digest stop usage` ends it.")];
    }
}

/// <summary><c>digest stop usage</c>: this channel no longer gets the usage digest.</summary>
public sealed class UsageDigestStopHandler(UsageSubscriptions subscriptions, ApiAccess access) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var channelId = DigestChannels.IdOf(turn.Conversation);
        var existing = await subscriptions.Store.GetAsync(turn.TenantKey, channelId, cancellationToken);
        if (existing is null) return [new Reply.Text("This channel doesn't get the usage digest, so there is nothing to stop.")];
        if (!await access.MayManageAnyAsync(turn.TenantKey, turn.User, existing.ApiIds, cancellationToken))
            return [new Reply.Text("Only product managers and the owners of its APIs can stop this channel's usage digest.")];
        await subscriptions.Store.RemoveAsync(turn.TenantKey, channelId, cancellationToken);
        return [new Reply.Text("This channel no longer gets the weekly usage digest. `digest here usage <api>` starts it again.")];
    }
}

/// <summary>When the usage digest goes out, in words ("every Monday at 09:05 (UTC)").</summary>
public sealed record UsageSchedule(string Description);
