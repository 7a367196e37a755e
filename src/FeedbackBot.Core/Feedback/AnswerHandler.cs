using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Feedback;

/// <summary>
/// The reporter's answer to a product manager's question (<c>answer FB-1042 …</c>, or simply their next message
/// in the chat where the question arrived): it goes onto the triage card's thread and the report is new again.
/// </summary>
public sealed class AnswerHandler(IReportStore reports, FeedbackDesk desk, IMessenger messenger, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (turn.Action is { } clicked) arguments = $"{clicked.Get("shortId")} {clicked.Get("answer")}".Trim();
        var parts = arguments.Split(' ', 2);
        var shortId = parts[0].ToUpperInvariant();
        var answer = parts.Length > 1 ? ReportForm.CleanMultiline(parts[1]) : "";
        var stored = shortId.Length == 0 ? null : await reports.GetAsync(turn.TenantKey, shortId, cancellationToken);
        if (stored is null || stored.Report.Reporter.Key != turn.User.Key) return [new Reply.Text($"You have no report {(shortId.Length == 0 ? "with that id" : shortId)} waiting for an answer. Type `mine` to see yours.")];
        if (stored.Report.Status != ReportStatus.NeedsInfo) return [new Reply.Text($"{shortId} is not waiting for an answer (it is {FeedbackLabels.Of(stored.Report.Status).ToLowerInvariant()}).")];
        if (answer.Length == 0) return [new Reply.Question($"What is your answer for {shortId}?", $"{FeedbackCommands.Answer} {shortId}")];
        if (answer.Length > ReportForm.MaxNoteLength) return [new Reply.Text($"That answer is {answer.Length:N0} characters; keep it under {ReportForm.MaxNoteLength:N0}, or split it.")];

        var updated = (stored.Report with { Status = ReportStatus.New }).With(new ReportEvent(time.GetUtcNow(), turn.User.Label, $"Answered: {answer}"));
        if (await reports.UpdateAsync(turn.TenantKey, shortId, _ => updated, stored.ETag, cancellationToken) is null)
            return [new Reply.Text($"{shortId} changed while you were answering; type `status {shortId}` to see where it stands.")];

        if (updated.TriageCard is { } card)
        {
            await messenger.PostAsync(card.Conversation, new Reply.Text($"{turn.User.Label} answered on {shortId}: {answer}"), card.MessageId, cancellationToken);
            await desk.RefreshTriageCardAsync(updated, cancellationToken);
        }
        return [new Reply.Text($"Thanks! Your answer is with the product managers, and {shortId} is back in their queue.")];
    }
}
