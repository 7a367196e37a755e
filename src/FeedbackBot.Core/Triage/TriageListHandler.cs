using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Roadmap;

namespace FeedbackBot.Core.Triage;

/// <summary><c>triage list &lt;api&gt;</c>: the API's open reports, oldest first, most voted first among equals.</summary>
public sealed class TriageListHandler(IReportStore reports, ApiResolver apis, ApiAccess access, ReportCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var found = await apis.ResolveAsync(turn, arguments, "triage list", cancellationToken);
        if (found.Entry is not { } api) return [found.Instead!];
        if (!await access.MayManageAsync(turn.TenantKey, turn.User.Key, api.Api.Id, cancellationToken))
            return [new Reply.Text($"Only the owners of {api.Api.Name} and product managers see its triage list. Type `mine` for your own reports.")];

        var open = (await reports.ListOpenAsync(turn.TenantKey, api.Api.Id, cancellationToken))
            .OrderBy(r => r.CreatedAt).ThenByDescending(r => r.Votes).ToList();
        var card = cards.List($"Open reports: {api.Api.Name}", "Nothing waits for triage. 🎉", open, _ => api.Api.Name);
        return [new Reply.Card(card, $"{open.Count} open reports on {api.Api.Name}")];
    }
}
