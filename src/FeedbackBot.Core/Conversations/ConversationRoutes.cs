using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.GoToMarket;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Core.Triage;
using FeedbackBot.Core.Usage;

namespace FeedbackBot.Core.Conversations;

/// <summary>
/// Every word and every button the bot understands, collected from each feature's <c>&lt;Feature&gt;Routes</c>
/// (help and the manifests list the same words, in this order).
/// </summary>
public static class ConversationRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands =
    [
        new("help", "help", "What I can do for you", Audience.Everyone, typeof(HelpHandler)),
        .. CatalogRoutes.Commands,
        .. FeedbackRoutes.Commands,
        .. TriageRoutes.Commands,
        .. RoadmapRoutes.Commands,
        .. GoToMarketRoutes.Commands,
        .. DigestRoutes.Commands,
        .. SurveyRoutes.Commands,
        .. UsageRoutes.Commands,
    ];

    public static readonly IReadOnlyList<ActionRoute> Actions =
    [
        .. CatalogRoutes.Actions,
        .. FeedbackRoutes.Actions,
        .. TriageRoutes.Actions,
        .. RoadmapRoutes.Actions,
        .. GoToMarketRoutes.Actions,
        .. DigestRoutes.Actions,
        .. SurveyRoutes.Actions,
        .. UsageRoutes.Actions,
    ];

    public static IEnumerable<Type> HandlerTypes => Commands.Select(c => c.Handler).Concat(Actions.Select(a => a.Handler)).Distinct();
}
