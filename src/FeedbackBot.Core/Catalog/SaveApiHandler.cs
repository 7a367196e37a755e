using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Catalog;

/// <summary>The form's Save: validate, store with ETag concurrency, show the saved story.</summary>
public sealed class SaveApiHandler(ApiCatalog catalog, RoleDirectory roles, CardTemplates cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action!;
        var adding = action.Get("mode") != "edit";
        var existing = adding ? null : await catalog.FindAsync(turn.TenantKey, action.Get("apiId") ?? "", cancellationToken);
        if (!adding && existing is null) return [ApiResolver.Unknown(action.Get("apiId") ?? "")];

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
