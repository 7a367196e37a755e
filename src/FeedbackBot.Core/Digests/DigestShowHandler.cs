using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Digests;

/// <summary><c>digest</c>: what this channel receives (and, for those who manage digests, which channels stopped receiving theirs and why).</summary>
public sealed class DigestShowHandler(ISubscriptionStore subscriptions, ApiCatalog catalog, ApiAccess access, DigestSettings settings) : ITurnHandler
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

        if (await access.ManagesAnyApiAsync(turn.TenantKey, turn.User, cancellationToken))
        {
            var inactive = (await subscriptions.ListAsync(turn.TenantKey, cancellationToken)).Where(s => !s.Active).ToList();
            if (inactive.Count > 0)
                lines.Add($"{inactive.Count} channel(s) stopped getting the digest: " + string.Join(" ", inactive.Take(10).Select(s => $"{s.Channel.Address.ConversationId}: {s.InactiveReason}")));
        }
        return [new Reply.Text(string.Join("\n\n", lines))];
    }
}
