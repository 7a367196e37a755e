using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Core.Triage;
using FeedbackBot.Core.Usage;

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
        new(FeedbackCommands.Report, "report", "Report a bug, feature request, question or praise: a form, or quick text like `report payments: pagination skips page 2`", Audience.Everyone, typeof(ReportHandler)),
        new(FeedbackCommands.ReportKind, "report kind", "", Audience.Hidden, typeof(ReportKindHandler)),
        new("mine", "mine", "Your reports and where each stands", Audience.Everyone, typeof(MineHandler)),
        new(FeedbackCommands.Status, "status <FB-1042>", "One report and its history", Audience.Everyone, typeof(StatusHandler)),
        new(FeedbackCommands.Answer, "answer <FB-1042> <text>", "Answer a product manager's question about your report", Audience.Everyone, typeof(AnswerHandler)),
        new("triage here", "triage here <api|all>", "In a channel: post new reports of that API (or all) here for triage", Audience.ProductManagers, typeof(TriageHereHandler)),
        new("triage list", "triage list <api>", "The API's open reports, oldest first", Audience.ProductManagers, typeof(TriageListHandler)),
        .. RoadmapRoutes.Commands,
        .. DigestRoutes.Commands,
        .. SurveyRoutes.Commands,
        .. UsageRoutes.Commands,
    ];

    public static readonly IReadOnlyList<ActionRoute> Actions =
    [
        new(CatalogVerbs.About, typeof(AboutApiHandler)),
        new(CatalogVerbs.Add, typeof(OpenApiFormHandler)),
        new(CatalogVerbs.Edit, typeof(OpenApiFormHandler)),
        new(ApiForm.SaveVerb, typeof(SaveApiHandler)),
        new(FeedbackVerbs.Open, typeof(ReportHandler)),
        new(ReportForm.SubmitVerb, typeof(ReportHandler)),
        new(FeedbackVerbs.Vote, typeof(VoteHandler)),
        new(FeedbackVerbs.FileNew, typeof(FileNewHandler)),
        new(FeedbackVerbs.Status, typeof(StatusHandler)),
        .. TriageDecisions.Verbs.Select(verb => new ActionRoute(verb, typeof(TriageDecisionHandler))),
        .. RoadmapRoutes.Actions,
        .. DigestRoutes.Actions,
        .. SurveyRoutes.Actions,
        .. UsageRoutes.Actions,
    ];

    public static IEnumerable<Type> HandlerTypes => Commands.Select(c => c.Handler).Concat(Actions.Select(a => a.Handler)).Distinct();
}
