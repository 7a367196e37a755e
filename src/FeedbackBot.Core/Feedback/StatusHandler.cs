using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Feedback;

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
