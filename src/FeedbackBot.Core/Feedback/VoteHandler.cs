using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Roadmap;

namespace FeedbackBot.Core.Feedback;

/// <summary>A +1 on a similar report instead of filing a new one; one vote per person, counted once under concurrent clicks.</summary>
public sealed class VoteHandler(IReportStore reports, IDraftStore drafts, FeedbackDesk desk, ReportCards cards, TimeProvider time) : ITurnHandler
{
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

        if (!await reports.AddVoteAsync(turn.TenantKey, shortId, new Supporter(turn.User, turn.Handle), comment, cancellationToken))
            return [new Reply.Text($"You had already +1'd {shortId}; it still counts once."),
                ReportHandler.Answer(turn, await StatusCardAsync(stored.Report, cancellationToken), $"{shortId}: {stored.Report.Votes} votes")];

        var counted = await CountAsync(turn, stored, comment, cancellationToken);
        if (action.Get("draftId") is { Length: > 0 } draftId) await drafts.DeleteAsync(turn.TenantKey, turn.User.Key, draftId, cancellationToken);
        await desk.RefreshTriageCardAsync(counted, cancellationToken);
        return [new Reply.Text($"Thanks! Your +1 on {shortId} is counted ({counted.Votes} {(counted.Votes == 1 ? "vote" : "votes")} now)."),
            ReportHandler.Answer(turn, await StatusCardAsync(counted, cancellationToken), $"{shortId}: {counted.Votes} votes")];
    }

    /// <summary>The vote row is the truth (one per person); the count on the report follows it (the store retries a concurrent write).</summary>
    private async Task<FeedbackReport> CountAsync(Turn turn, StoredReport stored, string comment, CancellationToken cancellationToken)
    {
        var text = comment.Length == 0 ? "+1" : $"+1: {comment}";
        return await reports.UpdateAsync(turn.TenantKey, stored.Report.ShortId,
                report => (report with { Votes = report.Votes + 1 }).With(new ReportEvent(time.GetUtcNow(), turn.User.Label, text)), ifVersion: null, cancellationToken)
            ?? throw new InvalidOperationException($"{stored.Report.ShortId} was deleted while a vote on it was counted.");
    }

    private async Task<System.Text.Json.Nodes.JsonObject> StatusCardAsync(FeedbackReport report, CancellationToken cancellationToken) =>
        cards.Status(report, await desk.ApiNameAsync(report.TenantKey, report.ApiId, cancellationToken));
}
