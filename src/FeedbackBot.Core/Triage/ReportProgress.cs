using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Triage;

/// <summary>A report's life past Accepted: planned, in progress, resolved (fixed, answered, won't fix, released), reopened.</summary>
public static class ReportProgress
{
    private static readonly ReportStatus[] Stages =
        [ReportStatus.Planned, ReportStatus.InProgress, ReportStatus.Fixed, ReportStatus.Answered, ReportStatus.WontFix, ReportStatus.Released];

    public static TriageOutcome Move(FeedbackReport report, string? stageInput, string version, string note, string who, DateTimeOffset now)
    {
        if (!Enum.TryParse<ReportStatus>(stageInput, ignoreCase: true, out var stage) || !Stages.Contains(stage))
            return TriageDecisions.Refuse("Pick where it stands: planned, in progress, fixed, released, answered or won't fix.");
        // A question can be answered and closed straight from the queue, without a priority.
        var answeringQuestion = stage == ReportStatus.Answered && report.IsOpen && report.Kind == FeedbackKind.Question;
        if (!report.IsUnderWay && !answeringQuestion)
            return TriageDecisions.Refuse(report.IsOpen
                ? $"{report.ShortId} is not accepted yet: accept it first (a question can be marked answered straight away)."
                : $"{report.ShortId} is {FeedbackLabels.Of(report.Status).ToLowerInvariant()}; reopen it first.");
        if (stage == report.Status) return TriageDecisions.Refuse($"{report.ShortId} is {FeedbackLabels.Of(stage).ToLowerInvariant()} already. Nothing changed.");
        if (stage == ReportStatus.Released && version.Length == 0) return TriageDecisions.Refuse("Name the version it was released in.");
        if (version.Length > 50) return TriageDecisions.Refuse("Keep the version under 50 characters.");
        if (note.Length > ReportForm.MaxNoteLength) return TriageDecisions.Refuse($"The note is {note.Length:N0} characters; keep it under {ReportForm.MaxNoteLength:N0}.");
        if (stage is ReportStatus.WontFix or ReportStatus.Answered && note.Length == 0)
            return TriageDecisions.Refuse(stage == ReportStatus.Answered ? "Write the answer: the reporter reads it." : "Say why it won't be fixed: the reporter reads it.");

        var label = stage == ReportStatus.Released ? $"Released in {version}" : FeedbackLabels.Of(stage);
        var happened = new ReportEvent(now, who, note.Length == 0 ? label : $"{label}: {note}");
        var moved = (report with { Status = stage, Decision = happened }).With(happened);
        return new TriageOutcome(moved, null, Change(stage, version), note);
    }

    public static TriageOutcome Reopen(FeedbackReport report, string note, string who, DateTimeOffset now)
    {
        if (!report.IsClosed) return TriageDecisions.Refuse($"{report.ShortId} is {FeedbackLabels.Of(report.Status).ToLowerInvariant()}, not closed: there is nothing to reopen.");
        if (note.Length > ReportForm.MaxNoteLength) return TriageDecisions.Refuse($"The note is {note.Length:N0} characters; keep it under {ReportForm.MaxNoteLength:N0}.");
        var reopened = new ReportEvent(now, who, note.Length == 0 ? "Reopened" : $"Reopened: {note}");
        return new TriageOutcome((report with { Status = ReportStatus.New, Decision = null }).With(reopened), null, "was reopened", note);
    }

    private static string Change(ReportStatus stage, string version) => stage switch
    {
        ReportStatus.Planned => "is planned",
        ReportStatus.InProgress => "is being worked on",
        ReportStatus.Fixed => "is fixed",
        ReportStatus.Answered => "is answered",
        ReportStatus.WontFix => "will not be fixed",
        _ => $"is released in version {version}",
    };
}
