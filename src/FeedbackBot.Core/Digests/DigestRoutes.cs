using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Digests;

/// <summary>The digest's words and buttons (collected by <see cref="ConversationRoutes"/>).</summary>
public static class DigestRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands =
    [
        new("digest here", "digest here <api|all>", "In a channel: post the weekly road map digest (and release announcements) of that API, or all, here", Audience.ProductManagers, typeof(DigestHereHandler)),
        new("digest stop", "digest stop", "In a channel: stop the weekly road map digest here", Audience.ProductManagers, typeof(DigestStopHandler)),
        new("digest preview", "digest preview", "This week's road map digest so far, shown here and sent nowhere", Audience.ProductManagers, typeof(DigestPreviewHandler)),
        new("digest", "digest", "Which road map digests this channel receives", Audience.Everyone, typeof(DigestShowHandler)),
    ];

    public static readonly IReadOnlyList<ActionRoute> Actions = [];
}
