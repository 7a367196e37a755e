using FeedbackBot.Core.Catalog;

namespace FeedbackBot.Core.Conversations;

/// <summary>Every word and every button the bot understands, in one place (help and the manifests list the same words).</summary>
public static class ConversationRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands =
    [
        new("help", "help", "What I can do for you", Audience.Everyone, typeof(HelpHandler)),
        new("apis", "apis", "The APIs in the catalog", Audience.Everyone, typeof(ListApisHandler)),
        new("about", "about <api>", "An API's story: who it is for, the problem it solves, status, version and docs", Audience.Everyone, typeof(AboutApiHandler)),
        new("api add", "api add", "Add an API to the catalog (a form)", Audience.ProductManagers, typeof(OpenApiFormHandler)),
        new("api edit", "api edit <api>", "Edit an API's story (a form)", Audience.ProductManagers, typeof(OpenApiFormHandler)),
    ];

    public static readonly IReadOnlyList<ActionRoute> Actions =
    [
        new(CatalogVerbs.About, typeof(AboutApiHandler)),
        new(CatalogVerbs.Add, typeof(OpenApiFormHandler)),
        new(CatalogVerbs.Edit, typeof(OpenApiFormHandler)),
        new(ApiForm.SaveVerb, typeof(SaveApiHandler)),
    ];

    public static IEnumerable<Type> HandlerTypes => Commands.Select(c => c.Handler).Concat(Actions.Select(a => a.Handler)).Distinct();
}
