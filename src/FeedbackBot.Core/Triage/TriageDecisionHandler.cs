using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Roadmap;

namespace FeedbackBot.Core.Triage;

/// <summary>The triage card's buttons: one decision wins, a stale or concurrent click is shown the current state.</summary>
public sealed class TriageDecisionHandler(IReportStore reports, FeedbackDesk desk, RoadmapDesk roadmap, ApiAccess access, IMessenger messenger, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action!;
        var shortId = (action.Get("shortId") ?? "").Trim().ToUpperInvariant();
        var stored = shortId.Length == 0 ? null : await reports.GetAsync(turn.TenantKey, shortId, cancellationToken);
        if (stored is null) return [new Reply.Text($"There is no report {(shortId.Length == 0 ? "named on that button" : shortId)} here any more (it may have been deleted). Nothing changed.")];

        var report = stored.Report;
        if (!await access.MayManageAsync(turn.TenantKey, turn.User.Key, report.ApiId, cancellationToken))
            return [new Reply.Text($"Only the product managers of this API can triage {report.ShortId}. Nothing changed.")];
        if (TriageDecisions.NeedsOpenReport(action.Verb) && !report.IsOpen)
            return await CurrentStateAsync(report, $"{report.ShortId} was already decided: {report.Decision?.Text ?? FeedbackLabels.Of(report.Status)}{(report.Decision is null ? "" : $" by {report.Decision.By}")}. Nothing changed.", cancellationToken);

        var others = new Dictionary<string, FeedbackReport>();
        var duplicateOf = (action.Get("duplicateOf") ?? "").Trim().ToUpperInvariant();
        if (action.Verb == TriageVerbs.Duplicate && duplicateOf.Length > 0 && await reports.GetAsync(turn.TenantKey, duplicateOf, cancellationToken) is { } original)
            others[original.Report.ShortId] = original.Report;
        var assignee = (action.Get("assignee") ?? "").Trim();
        var assigneeMay = action.Verb == TriageVerbs.Assign && await access.MayManageAsync(turn.TenantKey, assignee, report.ApiId, cancellationToken);

        var outcome = TriageDecisions.Decide(report, action, turn.User, time.GetUtcNow(), others.GetValueOrDefault, _ => assigneeMay);
        if (outcome.Updated is null) return [new Reply.Text(outcome.Refusal!)];

        if (await reports.UpdateAsync(turn.TenantKey, shortId, _ => outcome.Updated, stored.ETag, cancellationToken) is null)
        {
            var now = await reports.GetAsync(turn.TenantKey, shortId, cancellationToken);
            return now is null
                ? [new Reply.Text($"{shortId} was deleted meanwhile. Nothing changed.")]
                : await CurrentStateAsync(now.Report, $"Someone else acted on {shortId} at the same moment: {now.Report.History[^1].Text} by {now.Report.History[^1].By}. Your click changed nothing.", cancellationToken);
        }

        var replies = new List<Reply>();
        if (action.Verb == TriageVerbs.Duplicate) await desk.FollowOriginalAsync(outcome.Updated, cancellationToken);
        if (action.Verb == TriageVerbs.Accept) replies.AddRange(await IntoRoadmapAsync(turn, outcome.Updated, action.Get("roadmapItem") ?? "", cancellationToken));
        replies.Insert(0, await TriageCardAsync(outcome.Updated, cancellationToken));
        // Teams' invoke response replaces the card for the clicker only; the other PMs see it through UpdateActivity.
        // (Slack's reply already is a chat.update of the shared message.)
        if (turn.Conversation.Platform == Platform.Teams) await desk.RefreshTriageCardAsync(outcome.Updated, cancellationToken);
        if (outcome.NotifyReporter) replies.AddRange(await NotifyAsync(outcome, turn, cancellationToken));
        if (action.Verb == TriageVerbs.Assign && outcome.Updated.Assignee != turn.User.Key) replies.AddRange(await TellAssigneeAsync(outcome.Updated, turn, cancellationToken));
        return replies;
    }

    /// <summary>The assignee hears it personally, with the card, so the report does not wait for them to look at the channel.</summary>
    private async Task<IReadOnlyList<Reply>> TellAssigneeAsync(FeedbackReport report, Turn turn, CancellationToken cancellationToken)
    {
        if (!Person.TryParse(report.Assignee, out var assignee)) return [];
        try
        {
            var apiName = await desk.ApiNameAsync(report.TenantKey, report.ApiId, cancellationToken);
            var card = await desk.TriageCardAsync(report, apiName, cancellationToken);
            await messenger.NotifyAsync(assignee, turn.Handle, new Reply.Card(card, $"{turn.User.Label} assigned {report.ShortId} to you: {report.Title}"), cancellationToken);
            return [];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Teams opens a personal chat only for someone the bot has seen; the card in the channel still shows the assignee.
            return [new Reply.Text($"Assigned, but I could not reach {report.Assignee} in their personal chat; they see it on this card.")];
        }
    }

    /// <summary>Accept into a road map item: link the report to an open item of its API, or make a new item from it.</summary>
    private async Task<IReadOnlyList<Reply>> IntoRoadmapAsync(Turn turn, FeedbackReport report, string choice, CancellationToken cancellationToken)
    {
        choice = choice.Trim();
        if (choice.Length == 0 || choice.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        if (choice.Equals("new", StringComparison.OrdinalIgnoreCase))
        {
            var title = report.Title;
            var created = await roadmap.CreateAsync(report.TenantKey, report.ApiId, new RoadmapForm.Values(title, report.Details, RoadmapStatus.Considering, ""), turn.User, [report.ShortId], cancellationToken);
            return [new Reply.Text($"{report.ShortId} is now road map item {created.ItemId} (Considering). Type `roadmap {report.ApiId}` to see it.")];
        }
        var linked = await roadmap.LinkAsync(report.TenantKey, report.ApiId, choice.ToUpperInvariant(), report.ShortId, turn.User, cancellationToken);
        return linked is null
            ? [new Reply.Text($"Accepted, but there is no road map item {choice} on this API, so nothing was linked.")]
            : [new Reply.Text($"{report.ShortId} is linked to road map item {linked.ItemId}: \"{linked.Title}\". Its reporter will hear when it ships.")];
    }

    private async Task<IReadOnlyList<Reply>> NotifyAsync(TriageOutcome outcome, Turn turn, CancellationToken cancellationToken)
    {
        try
        {
            await desk.NotifyReporterAsync(outcome.Updated!, outcome.Change, outcome.Message, turn.User.Label, outcome.NeedsAnswer, cancellationToken);
            return [];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The decision stands; the messenger logged why the reporter's chat could not be reached.
            return [new Reply.Text($"Saved, but I could not reach {outcome.Updated!.Reporter.Label} in their personal chat to tell them.")];
        }
    }

    private async Task<IReadOnlyList<Reply>> CurrentStateAsync(FeedbackReport report, string message, CancellationToken cancellationToken) =>
        [await TriageCardAsync(report, cancellationToken), new Reply.Text(message)];

    private async Task<Reply> TriageCardAsync(FeedbackReport report, CancellationToken cancellationToken)
    {
        var apiName = await desk.ApiNameAsync(report.TenantKey, report.ApiId, cancellationToken);
        return new Reply.UpdateCard(await desk.TriageCardAsync(report, apiName, cancellationToken), $"{report.ShortId}: {FeedbackLabels.Of(report.Status)}");
    }
}
