using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Roadmap;

/// <summary>👍 Vote and Follow: once per person, counted once under concurrent clicks.</summary>
public sealed class RoadmapSupportHandler(RoadmapDesk desk) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var itemId = turn.Action!.Get("itemId") ?? "";
        var kind = turn.Action.Verb == RoadmapVerbs.Vote ? SupportKind.Vote : SupportKind.Follow;
        var (added, item) = await desk.SupportAsync(turn, itemId, kind, cancellationToken);
        if (item is null) return [new Reply.Text("That road map item is not here any more.")];
        if (!item.IsOpen) return [new Reply.Text($"{item.ItemId} is already {RoadmapCards.Label(item.Status).ToLowerInvariant()}.")];
        return kind == SupportKind.Vote
            ? [new Reply.Text(added ? $"Thanks! Your vote for \"{item.Title}\" counts ({item.Votes} now). You'll hear when it ships." : $"You already voted for \"{item.Title}\"; it counts once.")]
            : [new Reply.Text(added ? $"You follow \"{item.Title}\" now: you'll get a message when it ships (or is dropped)." : $"You already follow \"{item.Title}\".")];
    }
}
