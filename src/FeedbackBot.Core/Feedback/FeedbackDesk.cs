using System.Text.Json.Nodes;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Triage;
using FeedbackBot.Core.Usage;

namespace FeedbackBot.Core.Feedback;

/// <summary>Files reports, keeps their triage cards current, and tells reporters what happened.</summary>
public sealed class FeedbackDesk(
    IReportStore reports,
    IRoadmapStore roadmap,
    ITriageRoutes routes,
    IMessenger messenger,
    IFlowStateStore flowState,
    ApiCatalog catalog,
    ReportCards cards,
    ReporterUsage usage,
    TimeProvider time)
{
    /// <summary>How long the bot waits for the answer to a product manager's question.</summary>
    public static readonly TimeSpan AnswerLifetime = TimeSpan.FromDays(14);

    public async Task<string> ApiNameAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        (await catalog.FindAsync(tenantKey, apiId, cancellationToken))?.Api.Name ?? apiId;

    /// <summary>Stores the report, posts its triage card, and answers the reporter with the confirmation card.</summary>
    public async Task<JsonObject> FileAsync(Turn turn, ReportDraft draft, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var shortId = await reports.NextShortIdAsync(turn.TenantKey, cancellationToken);
        var report = new FeedbackReport(turn.TenantKey, shortId, draft.ApiId, draft.Kind, draft.Title, draft.Details, draft.Impact,
            draft.RequestId, draft.Endpoint, draft.SourceLink, turn.User, turn.Handle, now, ReportStatus.New, Priority.None, "", "", 0,
            TriageCard: null, History: [new ReportEvent(now, turn.User.Label, "Reported")]);
        await reports.AddAsync(report, cancellationToken);

        var apiName = await ApiNameAsync(turn.TenantKey, draft.ApiId, cancellationToken);
        var posted = await PostTriageCardAsync(report, apiName, cancellationToken);
        var nextSteps = posted
            ? "The API's product managers have it now. You'll get a message here when they decide, and when it changes."
            : "No triage channel is set up for this API yet, so the product managers will find it in their list. You'll get a message here when they decide.";
        return cards.Confirmation(report, apiName, nextSteps);
    }

    /// <summary>Redraws the report's triage card wherever it was posted (a vote, an answer, a decision made elsewhere).</summary>
    public async Task RefreshTriageCardAsync(FeedbackReport report, CancellationToken cancellationToken)
    {
        if (report.TriageCard is null) return;
        var apiName = await ApiNameAsync(report.TenantKey, report.ApiId, cancellationToken);
        await messenger.UpdateAsync(report.TriageCard, new Reply.Card(await TriageCardAsync(report, apiName, cancellationToken), $"{report.ShortId}: {report.Title}"), cancellationToken);
    }

    public async Task<JsonObject> TriageCardAsync(FeedbackReport report, string apiName, CancellationToken cancellationToken)
    {
        var open = await reports.ListOpenAsync(report.TenantKey, report.ApiId, cancellationToken);
        var others = open.Where(r => r.ShortId != report.ShortId).ToList();
        var items = (await roadmap.ListAsync(report.TenantKey, report.ApiId, cancellationToken)).Where(i => i.IsOpen).Select(i => (i.ItemId, i.Title)).ToList();
        var reporterUsage = await usage.DescribeAsync(report.TenantKey, report.ApiId, report.Reporter, cancellationToken);
        return cards.Triage(report, apiName, Similarity.Find(report.Title, report.Details, others), others, items, reporterUsage);
    }

    /// <summary>
    /// Tells the reporter, in their personal chat, with the product manager's own words. When the product manager
    /// asked a question, the reporter's next message there is taken as the answer.
    /// </summary>
    public async Task NotifyReporterAsync(FeedbackReport report, string headline, string message, string by, bool needsAnswer, CancellationToken cancellationToken)
    {
        var apiName = await ApiNameAsync(report.TenantKey, report.ApiId, cancellationToken);
        var card = cards.Update(report, apiName, headline, message, by, needsAnswer);
        var sent = await messenger.NotifyAsync(report.Reporter, report.ReporterSeenIn, new Reply.Card(card, headline), cancellationToken);
        if (needsAnswer)
        {
            await flowState.SaveAsync(sent.Conversation.Address, report.Reporter,
                new PendingQuestion($"{FeedbackCommands.Answer} {report.ShortId}", time.GetUtcNow() + AnswerLifetime), cancellationToken);
        }
    }

    private async Task<bool> PostTriageCardAsync(FeedbackReport report, string apiName, CancellationToken cancellationToken)
    {
        var route = await routes.FindAsync(report.TenantKey, report.ApiId, cancellationToken);
        if (route is null) return false;
        var card = await TriageCardAsync(report, apiName, cancellationToken);
        PostedMessage posted;
        try
        {
            posted = await messenger.PostAsync(route.Channel, new Reply.Card(card, $"New {FeedbackLabels.Of(report.Kind).ToLowerInvariant()} on {apiName}: {report.Title}"), null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The report is stored already; the messenger logged why the channel was unreachable. The reporter
            // must not retry (a second report), and PMs still find it in `triage list` and the reminders.
            return false;
        }

        // Remember where the card is, so clicks elsewhere (votes, answers) can redraw it. A lost race here only
        // means a concurrent triage click already rewrote the report; that click's card update stands.
        var stored = await reports.GetAsync(report.TenantKey, report.ShortId, cancellationToken);
        if (stored is not null) await reports.TryReplaceAsync(stored, stored.Report with { TriageCard = posted }, cancellationToken);
        return true;
    }
}

/// <summary>Command words shared by the handlers that ask and the handlers that answer.</summary>
public static class FeedbackCommands
{
    public const string Report = "report";
    public const string ReportKind = "report kind";
    public const string Answer = "answer";
    public const string Status = "status";
}

public static class FeedbackVerbs
{
    public const string Open = "feedback.open";
    public const string Vote = "feedback.vote";
    public const string FileNew = "feedback.fileNew";
    public const string Status = "feedback.status";
    public const string Accept = "feedback.accept";
    public const string Decline = "feedback.decline";
    public const string Duplicate = "feedback.duplicate";
    public const string NeedsInfo = "feedback.needsInfo";
    public const string AssignMe = "feedback.assignMe";
    public const string Assign = "feedback.assign";
}
