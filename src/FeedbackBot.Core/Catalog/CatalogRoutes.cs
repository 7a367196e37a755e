using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Catalog;

/// <summary>The catalog's buttons: the cards that draw them and the handlers that take the click share these.</summary>
public static class CatalogVerbs
{
    public const string About = "catalog.about";
    public const string Add = "catalog.add";
    public const string Edit = "catalog.edit";
    /// <summary>The <c>api-form</c> card's Save.</summary>
    public const string Save = "catalog.save";
}

/// <summary>The catalog's words and buttons (collected by <see cref="ConversationRoutes"/>).</summary>
public static class CatalogRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands =
    [
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
        new(CatalogVerbs.Save, typeof(SaveApiHandler)),
    ];
}
