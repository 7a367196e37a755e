using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Cards;

namespace FeedbackBot.Core.Feedback;

/// <summary>Draws the report cards from a report; every card template's data contract lives here.</summary>
public sealed class ReportCards(CardTemplates cards, TimeProvider time)
{
    /// <summary>How many open reports the triage card offers as "duplicate of".</summary>
    public const int DuplicateChoices = 20;

    public JsonObject Triage(FeedbackReport report, string apiName, IReadOnlyList<FeedbackReport> similar, IReadOnlyList<FeedbackReport> duplicateChoices,
        IReadOnlyList<(string ItemId, string Title)> roadmapChoices, string reporterUsage = "") =>
        cards.Expand("triage-card", new
        {
            shortId = report.ShortId, title = report.Title, details = report.Details, apiName,
            kindLabel = FeedbackLabels.Of(report.Kind), impact = FeedbackLabels.Of(report.Impact),
            requestId = report.RequestId, endpoint = report.Endpoint, sourceLink = report.SourceLink,
            reporter = report.Reporter.Label, reporterUsage, reportedAt = When(report.CreatedAt), age = FeedbackLabels.Age(report.CreatedAt, time.GetUtcNow()),
            votes = report.Votes, statusLabel = FeedbackLabels.Of(report.Status),
            priority = report.Priority == Priority.None ? "" : report.Priority.ToString(),
            assignee = report.Assignee, decision = Decision(report), open = report.IsOpen,
            canProgress = report.IsUnderWay || report.IsOpen && report.Kind == FeedbackKind.Question, canReopen = report.IsClosed,
            similar = similar.Select(r => new { shortId = r.ShortId, title = r.Title }),
            duplicateChoices = duplicateChoices.Where(r => r.ShortId != report.ShortId).Take(DuplicateChoices).Select(r => new { shortId = r.ShortId, title = r.Title }),
            roadmapChoices = roadmapChoices.Take(20).Select(i => new { itemId = i.ItemId, title = i.Title }),
        });

    public JsonObject Status(FeedbackReport report, string apiName) =>
        cards.Expand("report-status", new
        {
            shortId = report.ShortId, title = report.Title, details = report.Details, apiName,
            kindLabel = FeedbackLabels.Of(report.Kind), statusLabel = FeedbackLabels.Of(report.Status),
            priority = report.Priority == Priority.None ? "" : report.Priority.ToString(),
            assignee = report.Assignee, votes = report.Votes, reportedAt = When(report.CreatedAt), duplicateOf = report.DuplicateOf,
            history = report.History.Select(e => new { at = When(e.At), by = e.By, text = e.Text }),
        });

    public JsonObject Confirmation(FeedbackReport report, string apiName, string nextSteps) =>
        cards.Expand("report-confirmation", new
        {
            shortId = report.ShortId, title = report.Title, apiName, kindLabel = FeedbackLabels.Of(report.Kind), nextSteps,
        });

    public JsonObject Similar(ReportDraft draft, string apiName, string draftId, IReadOnlyList<FeedbackReport> similar) =>
        cards.Expand("report-similar", new
        {
            apiName, title = draft.Title, draftId,
            similar = similar.Select(r => new { shortId = r.ShortId, title = r.Title, statusLabel = FeedbackLabels.Of(r.Status), votes = r.Votes }),
        });

    public JsonObject List(string heading, string empty, IReadOnlyList<FeedbackReport> reports, Func<string, string> apiName) =>
        cards.Expand("report-list", new
        {
            heading, empty, count = reports.Count,
            reports = reports.Select(r => new
            {
                shortId = r.ShortId, title = r.Title, apiName = apiName(r.ApiId), kindLabel = FeedbackLabels.Of(r.Kind),
                statusLabel = FeedbackLabels.Of(r.Status), age = FeedbackLabels.Age(r.CreatedAt, time.GetUtcNow()), votes = r.Votes,
            }),
        });

    public JsonObject Update(FeedbackReport report, string apiName, string headline, string message, string by, bool needsAnswer) =>
        cards.Expand("report-update", new { shortId = report.ShortId, title = report.Title, apiName, headline, message, by, needsAnswer });

    public JsonObject Reminder(IReadOnlyList<FeedbackReport> overdue, string threshold, Func<string, string> apiName) =>
        cards.Expand("sla-reminder", new
        {
            count = overdue.Count, threshold,
            reports = overdue.Select(r => new { shortId = r.ShortId, title = r.Title, apiName = apiName(r.ApiId), age = FeedbackLabels.Age(r.CreatedAt, time.GetUtcNow()), votes = r.Votes }),
        });

    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Decision(FeedbackReport report) =>
        report.Decision is { } decided && !report.IsOpen ? $"{decided.Text} by {decided.By}, {When(decided.At)}" : "";
}
