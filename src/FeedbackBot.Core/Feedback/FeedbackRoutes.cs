using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Feedback;

/// <summary>Command words shared by the handlers that ask and the handlers that answer.</summary>
public static class FeedbackCommands
{
    public const string Report = "report";
    public const string ReportKind = "report kind";
    public const string Mine = "mine";
    public const string Answer = "answer";
    public const string Status = "status";
}

/// <summary>The consumer's buttons on report cards (the triage buttons are in <see cref="Triage.TriageVerbs"/>).</summary>
public static class FeedbackVerbs
{
    /// <summary>Opens the report form (also the message actions that start a report from a chat message).</summary>
    public const string Open = "feedback.open";
    /// <summary>The <c>report-form</c> card's Send.</summary>
    public const string Submit = "feedback.submit";
    public const string Vote = "feedback.vote";
    public const string FileNew = "feedback.fileNew";
    public const string Status = "feedback.status";
    /// <summary>The Answer button on a product manager's question (its text box is <c>answer</c>).</summary>
    public const string Answer = "feedback.answer";
}

/// <summary>Feedback's words and buttons (collected by <see cref="ConversationRoutes"/>).</summary>
public static class FeedbackRoutes
{
    public static readonly IReadOnlyList<CommandRoute> Commands =
    [
        new(FeedbackCommands.Report, "report", "Report a bug, feature request, question or praise: a form, or quick text like `report payments: pagination skips page 2`", Audience.Everyone, typeof(ReportHandler)),
        new(FeedbackCommands.ReportKind, "report kind", "", Audience.Hidden, typeof(ReportKindHandler)),
        new(FeedbackCommands.Mine, "mine", "Your reports and where each stands", Audience.Everyone, typeof(MineHandler)),
        new(FeedbackCommands.Status, "status <FB-1042>", "One report and its history", Audience.Everyone, typeof(StatusHandler)),
        new(FeedbackCommands.Answer, "answer <FB-1042> <text>", "Answer a product manager's question about your report", Audience.Everyone, typeof(AnswerHandler)),
    ];

    public static readonly IReadOnlyList<ActionRoute> Actions =
    [
        new(FeedbackVerbs.Open, typeof(ReportHandler)),
        new(FeedbackVerbs.Submit, typeof(ReportHandler)),
        new(FeedbackVerbs.Vote, typeof(VoteHandler)),
        new(FeedbackVerbs.FileNew, typeof(FileNewHandler)),
        new(FeedbackVerbs.Status, typeof(StatusHandler)),
        new(FeedbackVerbs.Answer, typeof(AnswerHandler)),
    ];
}
