using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Roadmap;

/// <summary>The road map's words and buttons (collected by <see cref="ConversationRoutes"/>).</summary>
public static class RoadmapRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands =
    [
        new("roadmap", "roadmap [<api>]", "The APIs with a road map, or one API's road map: vote and follow items", Audience.Everyone, typeof(RoadmapHandler)),
        new("roadmap add", "roadmap add <api>", "Add an item to an API's road map (a form)", Audience.ProductManagers, typeof(RoadmapFormHandler)),
        new("release", "release <api> <version>", "Announce a release to subscribed channels; the road map items it ships tell everyone who asked", Audience.ProductManagers, typeof(ReleaseHandler)),
    ];

    public static readonly IReadOnlyList<ActionRoute> Actions =
    [
        new(RoadmapVerbs.Show, typeof(RoadmapHandler)),
        new(RoadmapVerbs.Add, typeof(RoadmapFormHandler)),
        new(RoadmapVerbs.Edit, typeof(RoadmapFormHandler)),
        new(RoadmapForm.SaveVerb, typeof(RoadmapFormHandler)),
        new(RoadmapVerbs.Item, typeof(RoadmapItemHandler)),
        new(RoadmapVerbs.Move, typeof(RoadmapItemHandler)),
        new(RoadmapVerbs.Vote, typeof(RoadmapSupportHandler)),
        new(RoadmapVerbs.Follow, typeof(RoadmapSupportHandler)),
        new(ReleaseHandler.PublishVerb, typeof(ReleaseHandler)),
        new(ReleaseHandler.PublishVerb + ".open", typeof(ReleaseHandler)),
    ];
}
