using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Roadmap;

/// <summary>An item's card (Open), and Move: a status change, which closes the loop when it ships or is dropped.</summary>
public sealed class RoadmapItemHandler(IRoadmapStore items, RoadmapDesk desk, ApiAccess access, RoadmapCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action!;
        var read = await items.GetAsync(turn.TenantKey, action.Get("itemId") ?? "", cancellationToken);
        if (read is null) return [new Reply.Text("That road map item is not here any more.")];
        var apiName = await desk.ApiNameAsync(turn.TenantKey, read.Item.ApiId, cancellationToken);
        var canEdit = await access.MayManageAsync(turn.TenantKey, turn.User.Key, read.Item.ApiId, cancellationToken);
        if (action.Verb == RoadmapVerbs.Item) return [new Reply.Card(cards.Item(read.Item, apiName, canEdit), $"{read.Item.ItemId}: {read.Item.Title}")];

        if (!canEdit) return [new Reply.Text($"Only the owners of {apiName} and product managers can move road map items. Nothing changed.")];
        if (!Enum.TryParse<RoadmapStatus>(action.Get("status"), ignoreCase: true, out var status) || !Enum.IsDefined(status))
            return [new Reply.Text("Pick the status to move it to.")];
        var note = ReportForm.CleanMultiline(action.Get("note") ?? "");
        if (note.Length > ReportForm.MaxNoteLength) return [new Reply.Text($"The note is {note.Length:N0} characters; keep it under {ReportForm.MaxNoteLength:N0}. Nothing changed.")];
        if (status == read.Item.Status) return [new Reply.UpdateCard(cards.Item(read.Item, apiName, canEdit), read.Item.ItemId), new Reply.Text($"{read.Item.ItemId} is already {RoadmapCards.Label(status)}.")];

        var (moved, told) = await desk.MoveAsync(read, status, note, turn.User, cancellationToken);
        if (moved is null)
        {
            var now = (await items.GetAsync(turn.TenantKey, read.Item.ItemId, cancellationToken))!.Item;
            return [new Reply.UpdateCard(cards.Item(now, apiName, canEdit), now.ItemId), new Reply.Text($"Someone moved {now.ItemId} at the same moment (it is {RoadmapCards.Label(now.Status)}); your click changed nothing.")];
        }
        return [new Reply.UpdateCard(cards.Item(moved, apiName, canEdit), $"{moved.ItemId}: {RoadmapCards.Label(moved.Status)}"), .. RoadmapFormHandler.Told(told)];
    }
}
