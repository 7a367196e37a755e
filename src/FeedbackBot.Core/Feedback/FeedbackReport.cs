using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Feedback;

public enum FeedbackKind { Bug, FeatureRequest, Question, Praise }

public enum BugImpact { None, Blocking, Degraded, Cosmetic }

/// <summary>Where a report stands; past Accepted it can be planned, in progress, and resolved (fixed, answered, won't fix, released).</summary>
public enum ReportStatus { New, NeedsInfo, Accepted, Declined, Duplicate, Planned, InProgress, Fixed, Answered, WontFix, Released }

public enum Priority { None, P1, P2, P3, P4 }

/// <summary>One thing that happened to a report, in the words of whoever did it.</summary>
public sealed record ReportEvent(DateTimeOffset At, string By, string Text);

/// <summary>
/// A consumer's report about an API. <see cref="ShortId"/> (<c>FB-1042</c>) is unique within the tenant.
/// <see cref="TriageCard"/> is where its triage card was posted, so it can be updated in place;
/// <see cref="Decision"/> is the triage decision (accept, decline, duplicate) once there is one.
/// </summary>
public sealed record FeedbackReport(
    string TenantKey,
    string ShortId,
    string ApiId,
    FeedbackKind Kind,
    string Title,
    string Details,
    BugImpact Impact,
    string RequestId,
    string Endpoint,
    string SourceLink,
    Person Reporter,
    ConversationHandle ReporterSeenIn,
    DateTimeOffset CreatedAt,
    ReportStatus Status,
    Priority Priority,
    string Assignee,
    string DuplicateOf,
    int Votes,
    PostedMessage? TriageCard,
    IReadOnlyList<ReportEvent> History,
    ReportEvent? Decision = null)
{
    /// <summary>History kept on the report (see <see cref="EventHistory"/>).</summary>
    public const int MaxHistory = EventHistory.MaxEvents;

    public bool IsOpen => Status is ReportStatus.New or ReportStatus.NeedsInfo;

    /// <summary>Accepted and on its way: it can be planned, started and resolved.</summary>
    public bool IsUnderWay => Status is ReportStatus.Accepted or ReportStatus.Planned or ReportStatus.InProgress;

    /// <summary>Decided and done with: a product manager can reopen it.</summary>
    public bool IsClosed => !IsOpen && !IsUnderWay && Status != ReportStatus.Duplicate;

    public FeedbackReport With(ReportEvent happened) =>
        this with { History = EventHistory.Append(History, happened) };
}

public static class FeedbackLabels
{
    public static string Of(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Bug => "Bug",
        FeedbackKind.FeatureRequest => "Feature request",
        FeedbackKind.Question => "Question",
        _ => "Praise",
    };

    public static string Of(ReportStatus status) => status switch
    {
        ReportStatus.New => "New",
        ReportStatus.NeedsInfo => "Needs info",
        ReportStatus.Accepted => "Accepted",
        ReportStatus.Declined => "Declined",
        ReportStatus.Planned => "Planned",
        ReportStatus.InProgress => "In progress",
        ReportStatus.Fixed => "Fixed",
        ReportStatus.Answered => "Answered",
        ReportStatus.WontFix => "Won't fix",
        ReportStatus.Released => "Released",
        _ => "Duplicate",
    };

    /// <summary>What the reporter reads: "high priority", not "P2".</summary>
    public static string Plain(Priority priority) => priority switch
    {
        Priority.P1 => "top priority",
        Priority.P2 => "high priority",
        Priority.P3 => "normal priority",
        Priority.P4 => "low priority",
        _ => "no priority yet",
    };

    public static string Of(BugImpact impact) => impact == BugImpact.None ? "" : impact.ToString();

    /// <summary>"3 hours", "2 days": how long ago, for cards.</summary>
    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        if (age < TimeSpan.FromHours(1)) return $"{Math.Max(1, (int)age.TotalMinutes)} min";
        if (age < TimeSpan.FromDays(1)) return $"{(int)age.TotalHours} h";
        return $"{(int)age.TotalDays} d";
    }
}
