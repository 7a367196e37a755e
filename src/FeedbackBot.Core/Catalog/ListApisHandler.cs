using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Catalog;

/// <summary><c>apis</c>: the catalog, one line per API with a button to its story.</summary>
public sealed class ListApisHandler(ApiCatalog catalog, RoleDirectory roles, CardTemplates cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var entries = await catalog.ListAsync(turn.TenantKey, cancellationToken);
        var apis = entries.Select(e => new { id = e.Api.Id, name = e.Api.Name, pitch = e.Api.Pitch, status = e.Api.Status.ToString(), version = e.Api.Version }).ToList();
        var card = cards.Expand("api-list", new { count = apis.Count, canAdd = roles.CanAddApi(turn.User), apis });
        return [new Reply.Card(card, $"API catalog: {apis.Count} APIs")];
    }
}
