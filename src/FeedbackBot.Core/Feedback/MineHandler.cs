using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Feedback;

/// <summary><c>mine</c>: the reports I filed and those I +1'd or follow, and where each stands.</summary>
public sealed class MineHandler(IReportStore reports, FeedbackDesk desk, ReportCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var filed = await reports.ListByReporterAsync(turn.TenantKey, turn.User.Key, cancellationToken);
        var followed = await reports.ListFollowedAsync(turn.TenantKey, turn.User.Key, cancellationToken);
        var mine = filed.Concat(followed).DistinctBy(r => r.ShortId).OrderByDescending(r => r.CreatedAt).ToList();
        var names = new Dictionary<string, string>();
        foreach (var apiId in mine.Select(r => r.ApiId).Distinct()) names[apiId] = await desk.ApiNameAsync(turn.TenantKey, apiId, cancellationToken);
        var card = cards.List("Your reports", "You have not reported or +1'd anything yet. Type `report` to start.", mine, id => names[id]);
        return [new Reply.Card(card, $"Your reports: {mine.Count}")];
    }
}
