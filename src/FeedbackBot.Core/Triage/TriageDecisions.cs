using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Triage;

/// <summary>
/// What a triage button asks for, read from the click: the new report, what to tell its reporter and followers
/// (<paramref name="Change"/> reads after the report's id: "was accepted (high priority)"), or why not.
/// </summary>
public sealed record TriageOutcome(FeedbackReport? Updated, string? Refusal, string Change = "", string Message = "", bool NeedsAnswer = false, bool NotifyReporter = true);

/// <summary>The rules of each triage decision, apart from storage and messaging.</summary>
public static class TriageDecisions
{
    /// <summary>Decisions that close or question a report can only be taken while it is open; a stale click gets the current state.</summary>
    public static bool NeedsOpenReport(string verb) => verb is not (TriageVerbs.AssignMe or TriageVerbs.Assign or TriageVerbs.Progress or TriageVerbs.Reopen);

    public static TriageOutcome Decide(FeedbackReport report, CardAction action, Person by, DateTimeOffset now, Func<string, FeedbackReport?> findOther, Func<string, bool> mayTriage)
    {
        string Note(string input) => ReportForm.CleanMultiline(action.Get(input) ?? "");
        var who = by.Label;
        switch (action.Verb)
        {
            case TriageVerbs.Accept:
                if (!Enum.TryParse<Priority>(action.Get("priority"), ignoreCase: true, out var priority) || priority == Priority.None || !Enum.IsDefined(priority))
                    return Refuse("Pick a priority (P1 to P4) to accept it.");
                var acceptNote = Note("note");
                if (acceptNote.Length > ReportForm.MaxNoteLength) return Refuse($"The note is {acceptNote.Length:N0} characters; keep it under {ReportForm.MaxNoteLength:N0}.");
                var accepted = new ReportEvent(now, who, acceptNote.Length == 0 ? $"Accepted as {priority}" : $"Accepted as {priority}: {acceptNote}");
                return Closed(report with { Status = ReportStatus.Accepted, Priority = priority, Decision = accepted }, accepted,
                    $"was accepted ({FeedbackLabels.Plain(priority)})", acceptNote);
            case TriageVerbs.Decline:
                var reason = Note("reason");
                if (Invalid(reason) is { } badReason) return Refuse($"The reason {badReason}");
                var declined = new ReportEvent(now, who, $"Declined: {reason}");
                return Closed(report with { Status = ReportStatus.Declined, Decision = declined }, declined, "was declined", reason);
            case TriageVerbs.Duplicate:
                var originalId = (action.Get("duplicateOf") ?? "").Trim().ToUpperInvariant();
                var original = originalId.Length == 0 || originalId == report.ShortId ? null : findOther(originalId);
                if (original is null) return Refuse("Pick the report this one duplicates (another report of this workspace).");
                var duplicate = new ReportEvent(now, who, $"Marked duplicate of {original.ShortId}");
                return Closed(report with { Status = ReportStatus.Duplicate, DuplicateOf = original.ShortId, Decision = duplicate }, duplicate,
                    $"is the same as {original.ShortId}",
                    $"It is being handled as {original.ShortId}: \"{original.Title}\". You will hear here when it changes; type `status {original.ShortId}` to see it.");
            case TriageVerbs.NeedsInfo:
                var question = Note("question");
                if (Invalid(question) is { } badQuestion) return Refuse($"The question {badQuestion}");
                return new TriageOutcome((report with { Status = ReportStatus.NeedsInfo }).With(new ReportEvent(now, who, $"Asked: {question}")), null,
                    "has a question from the product managers", question, NeedsAnswer: true);
            case TriageVerbs.Progress:
                return ReportProgress.Move(report, action.Get("stage"), Note("version"), Note("note"), who, now);
            case TriageVerbs.Reopen:
                return ReportProgress.Reopen(report, Note("note"), who, now);
            case TriageVerbs.AssignMe:
                return Assigned(report, by.Key, who, now);
            default:
                var assignee = (action.Get("assignee") ?? "").Trim();
                if (!Person.TryParse(assignee, out var person)) return Refuse("Name the assignee as teams:<AAD object id> or slack:<user id>.");
                if (!mayTriage(person.Key)) return Refuse($"{person.Key} is not a product manager of this API, so they cannot take it.");
                return Assigned(report, person.Key, who, now);
        }
    }

    private static TriageOutcome Closed(FeedbackReport updated, ReportEvent decided, string change, string message) =>
        new(updated.With(decided), null, change, message);

    private static TriageOutcome Assigned(FeedbackReport report, string assignee, string who, DateTimeOffset now) =>
        report.Status is ReportStatus.Declined or ReportStatus.Duplicate
            ? Refuse($"{report.ShortId} is {FeedbackLabels.Of(report.Status).ToLowerInvariant()}; there is nothing to assign.")
            : new TriageOutcome((report with { Assignee = assignee }).With(new ReportEvent(now, who, $"Assigned to {assignee}")), null, NotifyReporter: false);

    internal static string? Invalid(string note) => note.Length == 0
        ? "is empty: the reporter reads it, so say a few words."
        : note.Length > ReportForm.MaxNoteLength ? $"is {note.Length:N0} characters; keep it under {ReportForm.MaxNoteLength:N0}." : null;

    internal static TriageOutcome Refuse(string why) => new(null, why);
}
