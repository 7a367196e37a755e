using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Roadmap;

/// <summary><c>roadmap add &lt;api&gt;</c>, the Add and Edit buttons, and the form's Save.</summary>
public sealed class RoadmapFormHandler(IRoadmapStore items, RoadmapDesk desk, ApiResolver apis, ApiAccess access, RoadmapCards cards, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action;
        var itemId = action?.Get("itemId") ?? "";
        var read = itemId.Length == 0 ? null : await items.GetAsync(turn.TenantKey, itemId, cancellationToken);
        if (itemId.Length > 0 && read is null) return [new Reply.Text($"There is no road map item {itemId} here any more.")];

        var found = await apis.ResolveAsync(turn, read?.Item.ApiId ?? action?.Get("apiId") ?? arguments, "roadmap add", cancellationToken);
        if (found.Entry is not { } api) return [found.Instead!];
        if (!await access.MayManageAsync(turn.TenantKey, turn.User.Key, api.Api.Id, cancellationToken))
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
        var edited = (read.Item with { Title = values.Title, Description = values.Description, Target = values.Target })
            .With(new ReportEvent(time.GetUtcNow(), turn.User.Label, "Edited"));
        if (await items.UpdateAsync(turn.TenantKey, read.Item.ItemId, _ => edited, etag, cancellationToken) is null) return [new Reply.Text($"Someone changed {read.Item.ItemId} at the same moment; nothing was saved. Open it again.")];
        var newTarget = edited.Target != read.Item.Target ? await desk.TellNewTargetAsync(edited, turn.User, cancellationToken) : 0;
        if (values.Status == edited.Status) return [new Reply.UpdateCard(cards.Item(edited, apiName, true), $"{edited.ItemId} saved"), .. Told(newTarget)];

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
