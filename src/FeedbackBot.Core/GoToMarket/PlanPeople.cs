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

    /// <summary>A person a form offers: the id the picker submits and the name it shows.</summary>
    public sealed record Candidate(string Id, string Name);

    /// <summary>
    /// Whom a form's people picker offers: on Teams the channel's members by name (the bot can reach exactly them); on
    /// Slack the default picks alone, since Slack draws its own user picker that finds anyone by name.
    /// </summary>
    public async Task<IReadOnlyList<Candidate>> CandidatesAsync(Turn turn, ConversationHandle channel, IEnumerable<Person> defaults, CancellationToken cancellationToken)
    {
        var offered = new Dictionary<string, Candidate>(StringComparer.OrdinalIgnoreCase) { [turn.User.Id] = new(turn.User.Id, turn.User.Label) };
        if (turn.Conversation.Platform == Platform.Slack)
        {
            foreach (var person in defaults.Where(p => p.Platform == Platform.Slack)) offered.TryAdd(person.Id, new(person.Id, person.Id));
            return offered.Values.ToList();
        }
        foreach (var member in await roster.MembersAsync(channel, cancellationToken)) offered.TryAdd(member.Person.Id, new(member.Person.Id, member.Person.Label));
        return offered.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

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
