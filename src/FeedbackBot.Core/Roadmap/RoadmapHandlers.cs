using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Roadmap;

/// <summary><c>roadmap</c> (the APIs with a road map) and <c>roadmap &lt;api&gt;</c> (its road map, grouped by status).</summary>
public sealed class RoadmapHandler(IRoadmapStore items, ApiCatalog catalog, TriageAccess access, RoadmapCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var wanted = turn.Action?.Get("apiId") ?? arguments;
        if (wanted.Length == 0) return [await ListAsync(turn, cancellationToken)];
        var api = await catalog.FindAsync(turn.TenantKey, wanted, cancellationToken);
        if (api is null) return [AboutApiHandler.UnknownApi(wanted)];

        var list = await items.ListAsync(turn.TenantKey, api.Api.Id, cancellationToken);
        var canEdit = await access.MayTriageAsync(turn.TenantKey, turn.User.Key, api.Api.Id, cancellationToken);
        return [new Reply.Card(cards.Roadmap(api.Api.Id, api.Api.Name, list, canEdit), $"{api.Api.Name} road map")];
    }

    private async Task<Reply> ListAsync(Turn turn, CancellationToken cancellationToken)
    {
        var rows = new List<(string, string, int, int)>();
        foreach (var apiId in await items.ApisWithRoadmapAsync(turn.TenantKey, cancellationToken))
        {
            var list = await items.ListAsync(turn.TenantKey, apiId, cancellationToken);
            var name = (await catalog.FindAsync(turn.TenantKey, apiId, cancellationToken))?.Api.Name ?? apiId;
            rows.Add((apiId, name, list.Count(i => i.IsOpen), list.Count(i => i.Status == RoadmapStatus.Shipped)));
        }
        return new Reply.Card(cards.List(rows.OrderBy(r => r.Item2).ToList()), "Road maps");
    }
}

/// <summary><c>roadmap add &lt;api&gt;</c>, the Add and Edit buttons, and the form's Save.</summary>
public sealed class RoadmapFormHandler(IRoadmapStore items, RoadmapDesk desk, ApiCatalog catalog, TriageAccess access, RoadmapCards cards, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action;
        var itemId = action?.Get("itemId") ?? "";
        var read = itemId.Length == 0 ? null : await items.GetAsync(turn.TenantKey, itemId, cancellationToken);
        if (itemId.Length > 0 && read is null) return [new Reply.Text($"There is no road map item {itemId} here any more.")];

        var wanted = read?.Item.ApiId ?? action?.Get("apiId") ?? arguments;
        if (wanted.Length == 0) return [await AboutApiHandler.WhichApi(catalog, turn, "roadmap add", cancellationToken)];
        var api = await catalog.FindAsync(turn.TenantKey, wanted, cancellationToken);
        if (api is null) return [AboutApiHandler.UnknownApi(wanted)];
        if (!await access.MayTriageAsync(turn.TenantKey, turn.User.Key, api.Api.Id, cancellationToken))
            return [new Reply.Text($"Only the owners of {api.Api.Name} and product managers can change its road map. Nothing changed.")];

        if (action?.Verb != RoadmapVerbs.Save) return [Form(api.Api.Id, api.Api.Name, read)];
        var (values, errors) = RoadmapForm.Read(action.Data);
        if (values is null)
            return [new Reply.FieldErrors(Form(api.Api.Id, api.Api.Name, read, action.Get("etag") ?? "", action, errors), errors)];
        if (read is null)
        {
            var created = await desk.CreateAsync(turn.TenantKey, api.Api.Id, values, turn.User, [], cancellationToken);
            return [new Reply.UpdateCard(cards.Item(created, api.Api.Name, canEdit: true), $"{created.ItemId} added to the {api.Api.Name} road map")];
        }
        return await SaveEditAsync(turn, read, values, action.Get("etag") ?? "", api.Api.Name, cancellationToken);
    }

    private async Task<IReadOnlyList<Reply>> SaveEditAsync(Turn turn, StoredRoadmapItem read, RoadmapForm.Values values, string etag, string apiName, CancellationToken cancellationToken)
    {
        if (etag != read.ETag) return [new Reply.Text($"Someone changed {read.Item.ItemId} while you were editing; nothing was saved. Here it is now."), new Reply.UpdateCard(cards.Item(read.Item, apiName, true), read.Item.ItemId)];
        var edited = read.Item with { Title = values.Title, Description = values.Description, Target = values.Target };
        edited = edited with { History = edited.History.Append(new ReportEvent(time.GetUtcNow(), turn.User.Label, "Edited")).TakeLast(FeedbackReport.MaxHistory).ToList() };
        if (!await items.TryReplaceAsync(read, edited, cancellationToken)) return [new Reply.Text($"Someone changed {read.Item.ItemId} at the same moment; nothing was saved. Open it again.")];
        if (values.Status == edited.Status) return [new Reply.UpdateCard(cards.Item(edited, apiName, true), $"{edited.ItemId} saved")];

        var (moved, told) = await desk.MoveAsync((await items.GetAsync(turn.TenantKey, edited.ItemId, cancellationToken))!, values.Status, "", turn.User, cancellationToken);
        return moved is null
            ? [new Reply.Text($"Saved, but someone moved {edited.ItemId} meanwhile; its status was left as they set it.")]
            : [new Reply.UpdateCard(cards.Item(moved, apiName, true), $"{moved.ItemId} saved"), .. Told(told)];
    }

    public static IEnumerable<Reply> Told(int told) => told == 0 ? [] : [new Reply.Text($"Told {told} {(told == 1 ? "person" : "people")} who asked for it.")];

    private Reply.Form Form(string apiId, string apiName, StoredRoadmapItem? read, string etag = "", CardAction? typed = null, IReadOnlyDictionary<string, string>? errors = null) =>
        new(cards.Form(apiId, apiName, read?.Item, read?.ETag ?? etag, typed?.Data, errors), read is null ? "New road map item" : "Edit road map item", RoadmapVerbs.Save,
            read is null ? new CardAction(RoadmapVerbs.Add, new() { ["apiId"] = apiId }) : new CardAction(RoadmapVerbs.Edit, new() { ["itemId"] = read.Item.ItemId }));
}

/// <summary>An item's card (Open), and Move: a status change, which closes the loop when it ships or is dropped.</summary>
public sealed class RoadmapItemHandler(IRoadmapStore items, RoadmapDesk desk, TriageAccess access, RoadmapCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action!;
        var read = await items.GetAsync(turn.TenantKey, action.Get("itemId") ?? "", cancellationToken);
        if (read is null) return [new Reply.Text("That road map item is not here any more.")];
        var apiName = await desk.ApiNameAsync(turn.TenantKey, read.Item.ApiId, cancellationToken);
        var canEdit = await access.MayTriageAsync(turn.TenantKey, turn.User.Key, read.Item.ApiId, cancellationToken);
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
