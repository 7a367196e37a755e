using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Roadmap;

/// <summary>The road map's words and buttons (collected by <see cref="ConversationRoutes"/>).</summary>
public static class RoadmapRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands = [];

    public static readonly IReadOnlyList<ActionRoute> Actions = [];
}
