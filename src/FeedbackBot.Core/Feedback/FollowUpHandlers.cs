using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Feedback;

/// <summary><c>mine</c>: the reporter's reports and where each stands.</summary>
public sealed class MineHandler(IReportStore reports, FeedbackDesk desk, ReportCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var mine = (await reports.ListByReporterAsync(turn.TenantKey, turn.User.Key, cancellationToken)).OrderByDescending(r => r.CreatedAt).ToList();
        var names = new Dictionary<string, string>();
        foreach (var apiId in mine.Select(r => r.ApiId).Distinct()) names[apiId] = await desk.ApiNameAsync(turn.TenantKey, apiId, cancellationToken);
        var card = cards.List("Your reports", "You have not reported anything yet. Type `report` to start.", mine, id => names[id]);
        return [new Reply.Card(card, $"Your reports: {mine.Count}")];
    }
}

/// <summary><c>status FB-1042</c> (and the Status buttons): one report and its history.</summary>
public sealed class StatusHandler(IReportStore reports, FeedbackDesk desk, ReportCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var shortId = (turn.Action?.Get("shortId") ?? arguments).Trim().ToUpperInvariant();
        if (shortId.Length == 0) return [new Reply.Question("Which report? Give its id, like FB-1042 (or type `mine` to list yours).", FeedbackCommands.Status)];

        var stored = await reports.GetAsync(turn.TenantKey, shortId, cancellationToken);
        if (stored is null) return [new Reply.Text($"I can't find a report {Short(shortId)} here. Type `mine` to see yours.")];
        var apiName = await desk.ApiNameAsync(turn.TenantKey, stored.Report.ApiId, cancellationToken);
        return [new Reply.Card(cards.Status(stored.Report, apiName), $"{stored.Report.ShortId}: {FeedbackLabels.Of(stored.Report.Status)}")];
    }

    private static string Short(string text) => text.Length > 20 ? text[..20] + "…" : text;
}

/// <summary>A +1 on a similar report instead of filing a new one; one vote per person, counted once under concurrent clicks.</summary>
public sealed class VoteHandler(IReportStore reports, IDraftStore drafts, FeedbackDesk desk, ReportCards cards, TimeProvider time) : ITurnHandler
{
    private const int Attempts = 8;

    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action!;
        var shortId = (action.Get("shortId") ?? "").Trim().ToUpperInvariant();
        var comment = ReportForm.CleanMultiline(action.Get("comment") ?? "");
        if (comment.Length > 500) return [new Reply.Text($"The comment is {comment.Length:N0} characters; keep it under 500. Nothing was counted yet.")];

        var stored = shortId.Length == 0 ? null : await reports.GetAsync(turn.TenantKey, shortId, cancellationToken);
        if (stored is null) return [new Reply.Text("That report is gone (it may have been deleted). Type `report` to file yours.")];
        if (stored.Report.Reporter.Key == turn.User.Key) return [new Reply.Text($"{shortId} is your own report, so a +1 would not add anything.")];
        if (stored.Report.Status is ReportStatus.Declined or ReportStatus.Duplicate)
            return [new Reply.Text($"{shortId} is {FeedbackLabels.Of(stored.Report.Status).ToLowerInvariant()}, so it takes no more votes. Choose \"file a new report\" instead.")];

        if (!await reports.AddVoteAsync(turn.TenantKey, shortId, turn.User.Key, comment, cancellationToken))
            return [new Reply.Text($"You had already +1'd {shortId}; it still counts once."),
                ReportHandler.Answer(turn, await StatusCardAsync(stored.Report, cancellationToken), $"{shortId}: {stored.Report.Votes} votes")];

        var counted = await CountAsync(turn, stored, comment, cancellationToken);
        if (action.Get("draftId") is { Length: > 0 } draftId) await drafts.DeleteAsync(turn.TenantKey, turn.User.Key, draftId, cancellationToken);
        await desk.RefreshTriageCardAsync(counted, cancellationToken);
        return [new Reply.Text($"Thanks! Your +1 on {shortId} is counted ({counted.Votes} {(counted.Votes == 1 ? "vote" : "votes")} now)."),
            ReportHandler.Answer(turn, await StatusCardAsync(counted, cancellationToken), $"{shortId}: {counted.Votes} votes")];
    }

    /// <summary>The vote row is the truth (one per person); the count on the report follows it with ETag retries.</summary>
    private async Task<FeedbackReport> CountAsync(Turn turn, StoredReport stored, string comment, CancellationToken cancellationToken)
    {
        var text = comment.Length == 0 ? "+1" : $"+1: {comment}";
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var updated = (stored.Report with { Votes = stored.Report.Votes + 1 }).With(new ReportEvent(time.GetUtcNow(), turn.User.Label, text));
            if (await reports.TryReplaceAsync(stored, updated, cancellationToken)) return updated;
            stored = await reports.GetAsync(turn.TenantKey, stored.Report.ShortId, cancellationToken) ?? stored;
        }
        throw new InvalidOperationException($"Could not count a vote on {stored.Report.ShortId} after {Attempts} attempts.");
    }

    private async Task<System.Text.Json.Nodes.JsonObject> StatusCardAsync(FeedbackReport report, CancellationToken cancellationToken) =>
        cards.Status(report, await desk.ApiNameAsync(report.TenantKey, report.ApiId, cancellationToken));
}

/// <summary>"No, file a new report" on the similar-reports card.</summary>
public sealed class FileNewHandler(IDraftStore drafts, FeedbackDesk desk) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var draftId = turn.Action!.Get("draftId") ?? "";
        var draft = draftId.Length == 0 ? null : await drafts.GetAsync(turn.TenantKey, turn.User.Key, draftId, cancellationToken);
        if (draft is null) return [new Reply.Text("That report was already filed, or waited too long. Type `mine` to check, or `report` to start again.")];

        await drafts.DeleteAsync(turn.TenantKey, turn.User.Key, draftId, cancellationToken);
        return [ReportHandler.Answer(turn, await desk.FileAsync(turn, draft, cancellationToken), "Thanks, your report is in")];
    }
}

/// <summary>
/// The reporter's answer to a product manager's question (<c>answer FB-1042 …</c>, or simply their next message
/// in the chat where the question arrived): it goes onto the triage card's thread and the report is new again.
/// </summary>
public sealed class AnswerHandler(IReportStore reports, FeedbackDesk desk, IMessenger messenger, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var parts = arguments.Split(' ', 2);
        var shortId = parts[0].ToUpperInvariant();
        var answer = parts.Length > 1 ? ReportForm.CleanMultiline(parts[1]) : "";
        var stored = shortId.Length == 0 ? null : await reports.GetAsync(turn.TenantKey, shortId, cancellationToken);
        if (stored is null || stored.Report.Reporter.Key != turn.User.Key) return [new Reply.Text($"You have no report {(shortId.Length == 0 ? "with that id" : shortId)} waiting for an answer. Type `mine` to see yours.")];
        if (stored.Report.Status != ReportStatus.NeedsInfo) return [new Reply.Text($"{shortId} is not waiting for an answer (it is {FeedbackLabels.Of(stored.Report.Status).ToLowerInvariant()}).")];
        if (answer.Length == 0) return [new Reply.Question($"What is your answer for {shortId}?", $"{FeedbackCommands.Answer} {shortId}")];
        if (answer.Length > ReportForm.MaxNoteLength) return [new Reply.Text($"That answer is {answer.Length:N0} characters; keep it under {ReportForm.MaxNoteLength:N0}, or split it.")];

        var updated = (stored.Report with { Status = ReportStatus.New }).With(new ReportEvent(time.GetUtcNow(), turn.User.Label, $"Answered: {answer}"));
        if (!await reports.TryReplaceAsync(stored, updated, cancellationToken))
            return [new Reply.Text($"{shortId} changed while you were answering; type `status {shortId}` to see where it stands.")];

        if (updated.TriageCard is { } card)
        {
            await messenger.PostAsync(card.Conversation, new Reply.Text($"{turn.User.Label} answered on {shortId}: {answer}"), card.MessageId, cancellationToken);
            await desk.RefreshTriageCardAsync(updated, cancellationToken);
        }
        return [new Reply.Text($"Thanks! Your answer is with the product managers, and {shortId} is back in their queue.")];
    }
}
