using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Surveys;

namespace FeedbackBot.Core.GoToMarket;

/// <summary>
/// People picked in a plan's forms (Slack users_select: a user id; Teams people picker: an AAD object id), made
/// reachable: the bot can only open a Teams chat with someone it has seen, so a Teams pick is looked up in the
/// channel's roster, which also gives the name shown on the card.
/// </summary>
public sealed class PlanPeople(IChannelRoster roster)
{
    public sealed record Picked(Person Person, ConversationHandle SeenIn);

    /// <summary>The picked people who can be reached, by the id the form submitted; ids missing from the answer cannot be.</summary>
    public async Task<IReadOnlyDictionary<string, Picked>> ResolveAsync(Turn turn, ConversationHandle channel, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(id => id.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = new Dictionary<string, Picked>(StringComparer.OrdinalIgnoreCase);
        if (wanted.Remove(turn.User.Id)) found[turn.User.Id] = new Picked(turn.User, turn.Handle);
        if (wanted.Count == 0) return found;
        if (turn.Conversation.Platform == Platform.Slack)
        {
            // Slack opens a DM from a user id alone; the name is Slack's to show.
            foreach (var id in wanted) found[id] = new Picked(new Person(Platform.Slack, id), channel);
            return found;
        }
        foreach (var member in await roster.MembersAsync(channel, cancellationToken))
        {
            if (wanted.Contains(member.Person.Id)) found[member.Person.Id] = new Picked(member.Person, member.SeenIn);
        }
        return found;
    }
}
