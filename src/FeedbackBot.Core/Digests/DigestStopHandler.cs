using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Digests;

/// <summary><c>digest stop</c>: this channel no longer gets the digest.</summary>
public sealed class DigestStopHandler(ISubscriptionStore subscriptions, ApiAccess access) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (turn.Conversation.Kind == ConversationKind.Personal)
            return [new Reply.Text("Say `digest stop` in the channel that should stop getting the digest. A personal chat never gets one.")];
        var channelId = DigestChannels.IdOf(turn.Conversation);
        var existing = await subscriptions.GetAsync(turn.TenantKey, channelId, cancellationToken);
        if (existing is null) return [new Reply.Text("This channel doesn't get the road map digest, so there is nothing to stop.")];
        if (!await access.MayManageAnyAsync(turn.TenantKey, turn.User, existing.NamedApis, cancellationToken))
            return [new Reply.Text("Only product managers and the owners of its APIs can stop this channel's digest.")];

        await subscriptions.RemoveAsync(turn.TenantKey, channelId, cancellationToken);
        return [new Reply.Text("This channel no longer gets the weekly road map digest or release announcements. `digest here <api>` starts it again.")];
    }
}
