using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Digests;

/// <summary>The digest's words and buttons (collected by <see cref="ConversationRoutes"/>).</summary>
public static class DigestRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands = [];

    public static readonly IReadOnlyList<ActionRoute> Actions = [];
}
