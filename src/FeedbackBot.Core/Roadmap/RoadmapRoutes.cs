using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Roadmap;

/// <summary>The road map's and releases' buttons: the cards that draw them and the handlers that take the click share these.</summary>
public static class RoadmapVerbs
{
    public const string Show = "roadmap.show";
    public const string Add = "roadmap.add";
    public const string Edit = "roadmap.edit";
    /// <summary>The <c>roadmap-form</c> card's Save.</summary>
    public const string Save = "roadmap.save";
    public const string Item = "roadmap.item";
    public const string Move = "roadmap.move";
    public const string Vote = "roadmap.vote";
    public const string Follow = "roadmap.follow";
    /// <summary>The <c>release-form</c> card's Publish.</summary>
    public const string Publish = "release.publish";
    /// <summary>The <c>release-confirm</c> card's Publish now: the only click that sends the announcement.</summary>
    public const string Confirm = "release.confirm";
    /// <summary>Opens the release form again (Slack: the button posted after typed words).</summary>
    public const string OpenRelease = "release.publish.open";
}

/// <summary>The road map's words and buttons (collected by <see cref="ConversationRoutes"/>).</summary>
public static class RoadmapRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands =
    [
        new("roadmap", "roadmap [<api>]", "The APIs with a road map, or one API's road map: vote and follow items", Audience.Everyone, typeof(RoadmapHandler)),
        new("roadmap add", "roadmap add <api>", "Add an item to an API's road map (a form)", Audience.ProductManagers, typeof(RoadmapFormHandler)),
    ];

    public static readonly IReadOnlyList<ActionRoute> Actions =
    [
        new(RoadmapVerbs.Show, typeof(RoadmapHandler)),
        new(RoadmapVerbs.Add, typeof(RoadmapFormHandler)),
        new(RoadmapVerbs.Edit, typeof(RoadmapFormHandler)),
        new(RoadmapVerbs.Save, typeof(RoadmapFormHandler)),
        new(RoadmapVerbs.Item, typeof(RoadmapItemHandler)),
        new(RoadmapVerbs.Move, typeof(RoadmapItemHandler)),
        new(RoadmapVerbs.Vote, typeof(RoadmapSupportHandler)),
        new(RoadmapVerbs.Follow, typeof(RoadmapSupportHandler)),
        new(RoadmapVerbs.Publish, typeof(ReleaseHandler)),
        new(RoadmapVerbs.OpenRelease, typeof(ReleaseHandler)),
        new(RoadmapVerbs.Confirm, typeof(ReleaseHandler)),
    ];
}
