using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Digests;

/// <summary><c>digest preview</c>: the digest card of the week so far, for this channel's APIs (a personal chat: every API the user manages), sent nowhere.</summary>
public sealed class DigestPreviewHandler(ISubscriptionStore subscriptions, ApiAccess access, IDigestComposer composer, DigestSettings settings, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> apiIds;
        if (turn.Conversation.Kind == ConversationKind.Personal)
        {
            apiIds = access.IsProductManager(turn.User)
                ? [DigestSubscription.AllApis]
                : await access.OwnedApisAsync(turn.TenantKey, turn.User, cancellationToken);
            if (apiIds.Count == 0) return [new Reply.Text("Only product managers and API owners can preview the road map digest.")];
        }
        else
        {
            var mine = await subscriptions.GetAsync(turn.TenantKey, DigestChannels.IdOf(turn.Conversation), cancellationToken);
            if (mine is null) return [new Reply.Text("This channel gets no road map digest, so there is nothing to preview. `digest here <api>` starts one; in a personal chat `digest preview` shows every API's.")];
            if (!await access.MayManageAnyAsync(turn.TenantKey, turn.User, mine.NamedApis, cancellationToken)) return [new Reply.Text("Only product managers and the owners of its APIs can preview this channel's digest.")];
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
