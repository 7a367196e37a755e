using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Roadmap;

/// <summary><c>roadmap</c> (the APIs with a road map) and <c>roadmap &lt;api&gt;</c> (its road map, grouped by status).</summary>
public sealed class RoadmapHandler(IRoadmapStore items, ApiCatalog catalog, ApiResolver apis, ApiAccess access, RoadmapCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var wanted = turn.Action?.Get("apiId") ?? arguments;
        if (wanted.Length == 0) return [await ListAsync(turn, cancellationToken)];
        var found = await apis.FindAsync(turn.TenantKey, wanted, cancellationToken);
        if (found.Entry is not { } api) return [found.Instead!];

        var list = await items.ListAsync(turn.TenantKey, api.Api.Id, cancellationToken);
        var canEdit = await access.MayManageAsync(turn.TenantKey, turn.User.Key, api.Api.Id, cancellationToken);
        return [new Reply.Card(cards.Roadmap(api.Api.Id, api.Api.Name, list, canEdit), $"{api.Api.Name} road map")];
    }

    private async Task<Reply> ListAsync(Turn turn, CancellationToken cancellationToken)
    {
        var rows = new List<(string, string, int, int)>();
        foreach (var apiId in await items.ApisWithRoadmapAsync(turn.TenantKey, cancellationToken))
        {
            var list = await items.ListAsync(turn.TenantKey, apiId, cancellationToken);
            var name = (await catalog.FindAsync(turn.TenantKey, apiId, cancellationToken))?.Api.Name ?? apiId;
            rows.Add((apiId, name, list.Count(i => i.IsOpen), list.Count(i => i.Status == RoadmapStatus.Shipped)));
        }
        return new Reply.Card(cards.List(rows.OrderBy(r => r.Item2).ToList()), "Road maps");
    }
}
