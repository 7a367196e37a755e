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
    SimilarReports similarReports,
    IRoadmapStore roadmap,
    ITriageChannelStore triageChannels,
    IMessenger messenger,
    IDeliveryLog deliveries,
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
        // The card offers the first open reports as "duplicate of" choices: one more than it shows, as this one may be among them.
        var choices = await reports.ListOpenAsync(report.TenantKey, report.ApiId, ReportCards.DuplicateChoices + 1, cancellationToken);
        var others = choices.Where(r => r.ShortId != report.ShortId).ToList();
        var similar = await similarReports.FindAsync(report.TenantKey, report.ApiId, report.Title, report.Details, report.ShortId, cancellationToken);
        var items = (await roadmap.ListAsync(report.TenantKey, report.ApiId, cancellationToken)).Where(i => i.IsOpen).Select(i => (i.ItemId, i.Title)).ToList();
        var reporterUsage = await usage.DescribeAsync(report.TenantKey, report.ApiId, report.Reporter, cancellationToken);
        return cards.Triage(report, apiName, similar, others, items, reporterUsage);
    }

    /// <summary>
    /// Tells the reporter, in their personal chat, with the product manager's own words (<paramref name="change"/> reads
    /// after the report's id: "was accepted (high priority)"). When the product manager asked a question, the reporter's
    /// next message there is taken as the answer. Voters and followers hear the same change, once each.
    /// </summary>
    public async Task NotifyReporterAsync(FeedbackReport report, string change, string message, string by, bool needsAnswer, CancellationToken cancellationToken)
    {
        var apiName = await ApiNameAsync(report.TenantKey, report.ApiId, cancellationToken);
        var headline = needsAnswer ? $"A question about your report {report.ShortId}" : $"Your report {report.ShortId} {change}";
        var card = cards.Update(report, apiName, headline, message, by, needsAnswer);
        try
        {
            var sent = await messenger.NotifyAsync(report.Reporter, report.ReporterSeenIn, new Reply.Card(card, headline), cancellationToken);
            if (needsAnswer)
            {
                await flowState.SaveAsync(sent.Conversation.Address, report.Reporter,
                    new PendingQuestion($"{FeedbackCommands.Answer} {report.ShortId}", time.GetUtcNow() + AnswerLifetime), cancellationToken);
            }
        }
        finally
        {
            // The followers hear it even when the reporter's chat is unreachable.
            await NotifyFollowersAsync(report, apiName, $"A report you follow: {report.ShortId} {change}", message, by, cancellationToken);
        }
    }

    /// <summary>
    /// Voters and followers (the reporter and voters of its duplicates) of the report, each once per change: the
    /// delivery log claims (change, person), so a retried click or a second instance tells nobody twice.
    /// </summary>
    public async Task<int> NotifyFollowersAsync(FeedbackReport report, string apiName, string headline, string message, string by, CancellationToken cancellationToken)
    {
        var delivery = $"report|{report.TenantKey}|{report.ShortId}|{report.Status}|{report.History[^1].At.UtcTicks}";
        var card = cards.Update(report, apiName, headline, message, by, needsAnswer: false);
        var told = 0;
        foreach (var follower in (await reports.ListFollowersAsync(report.TenantKey, report.ShortId, cancellationToken)).DistinctBy(f => f.Person.Key))
        {
            if (follower.Person.Key == report.Reporter.Key || !await deliveries.TryStartAsync(delivery, follower.Person.Key, cancellationToken)) continue;
            try
            {
                var sent = await messenger.NotifyAsync(follower.Person, follower.SeenIn, new Reply.Card(card, headline), cancellationToken);
                await deliveries.CompleteAsync(delivery, follower.Person.Key, sent.MessageId, cancellationToken);
                told++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unreachable follower must not stop the others; the messenger logged why. Released for a retry.
                await deliveries.ReleaseAsync(delivery, follower.Person.Key, CancellationToken.None);
            }
        }
        return told;
    }

    /// <summary>
    /// A duplicate's reporter and voters follow the original from now on, so they hear when it changes.
    /// </summary>
    public async Task FollowOriginalAsync(FeedbackReport duplicate, CancellationToken cancellationToken)
    {
        if (duplicate.DuplicateOf.Length == 0) return;
        var moving = (await reports.ListFollowersAsync(duplicate.TenantKey, duplicate.ShortId, cancellationToken))
            .Prepend(new Supporter(duplicate.Reporter, duplicate.ReporterSeenIn));
        foreach (var who in moving) await reports.AddFollowerAsync(duplicate.TenantKey, duplicate.DuplicateOf, who, cancellationToken);
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
