using System.Text.Json.Nodes;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Feedback;

/// <summary>Files reports, keeps their triage cards current, and tells reporters what happened.</summary>
public sealed class FeedbackDesk(
    IReportStore reports,
    SimilarReports similarReports,
    IRoadmapStore roadmap,
    ITriageChannelStore triageChannels,
    IMessenger messenger,
    IFlowStateStore flowState,
    ApiCatalog catalog,
    ReportCards cards,
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
        // The card offers the first open reports as "duplicate of" choices: one more than it shows, as this one may be among them.
        var choices = await reports.ListOpenAsync(report.TenantKey, report.ApiId, ReportCards.DuplicateChoices + 1, cancellationToken);
        var others = choices.Where(r => r.ShortId != report.ShortId).ToList();
        var similar = await similarReports.FindAsync(report.TenantKey, report.ApiId, report.Title, report.Details, report.ShortId, cancellationToken);
        var items = (await roadmap.ListAsync(report.TenantKey, report.ApiId, cancellationToken)).Where(i => i.IsOpen).Select(i => (i.ItemId, i.Title)).ToList();
        return cards.Triage(report, apiName, similar, others, items);
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
        var triage = await triageChannels.FindAsync(report.TenantKey, report.ApiId, cancellationToken);
        if (triage is null) return false;
        var card = await TriageCardAsync(report, apiName, cancellationToken);
        PostedMessage posted;
        try
        {
            posted = await messenger.PostAsync(triage.Channel, new Reply.Card(card, $"New {FeedbackLabels.Of(report.Kind).ToLowerInvariant()} on {apiName}: {report.Title}"), null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The report is stored already; the messenger logged why the channel was unreachable. The reporter
            // must not retry (a second report), and PMs still find it in `triage list` and the reminders.
            return false;
        }

        // Remember where the card is, so clicks elsewhere (votes, answers) can redraw it; after a concurrent triage
        // click the store writes it onto that click's version of the report.
        await reports.UpdateAsync(report.TenantKey, report.ShortId, stored => stored with { TriageCard = posted }, ifVersion: null, cancellationToken);
        return true;
    }
}
