using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary>The surveys' words and buttons (collected by <see cref="ConversationRoutes"/>).</summary>
public static class SurveyRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands = [];

    public static readonly IReadOnlyList<ActionRoute> Actions = [];
}
