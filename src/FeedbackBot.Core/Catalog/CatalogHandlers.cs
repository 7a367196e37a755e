using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Catalog;

/// <summary><c>apis</c>: the catalog, one line per API with a button to its story.</summary>
public sealed class ListApisHandler(ApiCatalog catalog, RoleDirectory roles, CardTemplates cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var entries = await catalog.ListAsync(turn.TenantKey, cancellationToken);
        var apis = entries.Select(e => new { id = e.Api.Id, name = e.Api.Name, pitch = e.Api.Pitch, status = e.Api.Status.ToString(), version = e.Api.Version }).ToList();
        var card = cards.Expand("api-list", new { count = apis.Count, canAdd = roles.CanAddApi(turn.User), apis });
        return [new Reply.Card(card, $"API catalog: {apis.Count} APIs")];
    }
}

/// <summary><c>about &lt;api&gt;</c> (or the About button): the API's story card.</summary>
public sealed class AboutApiHandler(ApiCatalog catalog, RoleDirectory roles, CardTemplates cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var wanted = turn.Action?.Get("apiId") ?? arguments;
        if (wanted.Length == 0) return [await WhichApi(catalog, turn, "about", cancellationToken)];

        var entry = await catalog.FindAsync(turn.TenantKey, wanted, cancellationToken);
        return entry is null
            ? [UnknownApi(wanted)]
            : [new Reply.Card(StoryCard(cards, entry.Api, roles.CanEditApi(turn.User, entry.Api)), $"About {entry.Api.Name}")];
    }

    public static System.Text.Json.Nodes.JsonObject StoryCard(CardTemplates cards, ApiEntry api, bool canEdit) =>
        cards.Expand("api-story", new
        {
            id = api.Id, name = api.Name, pitch = api.Pitch, audience = api.Audience, problem = api.Problem,
            status = api.Status.ToString(), version = api.Version, docsUrl = api.DocsUrl, owners = api.Owners, canEdit,
        });

    /// <summary>Asks which API is meant; the user's next message is read as the answer.</summary>
    public static async Task<Reply> WhichApi(ApiCatalog catalog, Turn turn, string command, CancellationToken cancellationToken)
    {
        var ids = (await catalog.ListAsync(turn.TenantKey, cancellationToken)).Select(e => e.Api.Id).Take(10).ToList();
        return ids.Count == 0
            ? new Reply.Text("The catalog is empty, so there is no API to show yet.")
            : new Reply.Question($"Which API? For example: {string.Join(", ", ids)}.", command);
    }

    public static Reply UnknownApi(string wanted) =>
        new Reply.Text($"I don't know an API called \"{(wanted.Length > 60 ? wanted[..60] + "…" : wanted)}\". Type `apis` to see the catalog.");
}

/// <summary><c>api add</c> and <c>api edit &lt;api&gt;</c> (and their buttons): open the catalog form.</summary>
public sealed class OpenApiFormHandler(ApiCatalog catalog, RoleDirectory roles, CardTemplates cards) : ITurnHandler
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

        var wanted = turn.Action?.Get("apiId") ?? arguments;
        if (wanted.Length == 0) return [await AboutApiHandler.WhichApi(catalog, turn, "api edit", cancellationToken)];
        var entry = await catalog.FindAsync(turn.TenantKey, wanted, cancellationToken);
        if (entry is null) return [AboutApiHandler.UnknownApi(wanted)];
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

/// <summary>The form's Save: validate, store with ETag concurrency, show the saved story.</summary>
public sealed class SaveApiHandler(ApiCatalog catalog, RoleDirectory roles, CardTemplates cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action!;
        var adding = action.Get("mode") != "edit";
        var existing = adding ? null : await catalog.FindAsync(turn.TenantKey, action.Get("apiId") ?? "", cancellationToken);
        if (!adding && existing is null) return [AboutApiHandler.UnknownApi(action.Get("apiId") ?? "")];

        var allowed = adding ? roles.CanAddApi(turn.User) : roles.CanEditApi(turn.User, existing!.Api);
        if (!allowed) return [new Reply.Text("Only product managers (and, for an existing API, its owners) can change the catalog. Nothing was saved.")];

        var (api, errors) = ApiForm.Read(action, existing?.Api.Id);
        if (api is null) return [Errors(adding, existing, errors, action)];

        var outcome = adding
            ? await catalog.AddAsync(turn.TenantKey, api, turn.User.Key, cancellationToken)
            : await catalog.UpdateAsync(turn.TenantKey, api, action.Get("etag") ?? "", turn.User.Key, cancellationToken);

        return outcome switch
        {
            SaveOutcome.Saved => [new Reply.UpdateCard(AboutApiHandler.StoryCard(cards, api, roles.CanEditApi(turn.User, api)), $"Saved {api.Name}")],
            SaveOutcome.AlreadyExists => [Errors(adding, existing, new Dictionary<string, string> { ["id"] = $"There is already an API with the id `{api.Id}`. Pick another id, or edit that one." }, action)],
            _ => await ChangedByOthers(turn, api.Id, cancellationToken),
        };
    }

    private Reply.FieldErrors Errors(bool adding, CatalogEntry? existing, IReadOnlyDictionary<string, string> errors, CardAction typed) =>
        new(OpenApiFormHandler.Form(cards, adding ? "add" : "edit", existing?.Api, typed.Get("etag") ?? "", errors, typed), errors);

    private async Task<IReadOnlyList<Reply>> ChangedByOthers(Turn turn, string apiId, CancellationToken cancellationToken)
    {
        var current = await catalog.FindAsync(turn.TenantKey, apiId, cancellationToken);
        var message = new Reply.Text("Someone else saved this API while you were editing, so your changes were not saved. Here is the current version; edit it again if needed.");
        return current is null
            ? [message]
            : [message, new Reply.UpdateCard(AboutApiHandler.StoryCard(cards, current.Api, roles.CanEditApi(turn.User, current.Api)), $"{current.Api.Name} changed")];
    }
}
