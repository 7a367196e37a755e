using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Digests;

/// <summary><c>digest here &lt;api|all&gt;</c>: this channel gets the weekly road map digest of those APIs; each call adds to the list.</summary>
public sealed class DigestHereHandler(ISubscriptionStore subscriptions, ApiCatalog catalog, ApiResolver apis, ApiAccess access, DigestSettings settings, TimeProvider time) : ITurnHandler
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
            var found = await apis.FindAsync(turn.TenantKey, arguments, cancellationToken);
            if (found.Entry is not { } api) return [found.Instead!];
            if (!await access.MayManageAsync(turn.TenantKey, turn.User.Key, api.Api.Id, cancellationToken))
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
