using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Catalog;

/// <summary><c>api add</c> and <c>api edit &lt;api&gt;</c> (and their buttons): open the catalog form.</summary>
public sealed class OpenApiFormHandler(ApiResolver apis, RoleDirectory roles, CardTemplates cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var editing = turn.Action?.Verb == CatalogVerbs.Edit || (turn.Action is null && turn.Text!.StartsWith("api edit", StringComparison.OrdinalIgnoreCase));
        if (!editing)
        {
            return roles.CanAddApi(turn.User)
                ? [Form(cards, "add", null, "")]
                : [new Reply.Text("Only product managers can add APIs to the catalog. Ask one of them, or type `apis` to see what is there.")];
        }

        var found = await apis.ResolveAsync(turn, turn.Action?.Get("apiId") ?? arguments, "api edit", cancellationToken);
        if (found.Entry is not { } entry) return [found.Instead!];
        return roles.CanEditApi(turn.User, entry.Api)
            ? [Form(cards, "edit", entry.Api, entry.ETag)]
            : [new Reply.Text($"Only the owners of {entry.Api.Name} and product managers can edit its story.")];
    }

    public static Reply.Form Form(CardTemplates cards, string mode, ApiEntry? api, string etag, IReadOnlyDictionary<string, string>? errors = null, CardAction? typed = null) =>
        new(cards.Expand(ApiForm.Template, ApiForm.Data(mode, api, etag, errors, typed?.Data)),
            mode == "add" ? "Add an API" : "Edit API story",
            CatalogVerbs.Save,
            mode == "add" ? new CardAction(CatalogVerbs.Add, []) : new CardAction(CatalogVerbs.Edit, new() { ["apiId"] = api!.Id }));
}
