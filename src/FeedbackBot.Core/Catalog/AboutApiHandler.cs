using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Catalog;

/// <summary><c>about &lt;api&gt;</c> (or the About button): the API's story card.</summary>
public sealed class AboutApiHandler(ApiResolver apis, RoleDirectory roles, CardTemplates cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var found = await apis.ResolveAsync(turn, turn.Action?.Get("apiId") ?? arguments, "about", cancellationToken);
        return found.Entry is not { } entry
            ? [found.Instead!]
            : [new Reply.Card(StoryCard(cards, entry.Api, roles.CanEditApi(turn.User, entry.Api)), $"About {entry.Api.Name}")];
    }

    public static System.Text.Json.Nodes.JsonObject StoryCard(CardTemplates cards, ApiEntry api, bool canEdit) =>
        cards.Expand("api-story", new
        {
            id = api.Id, name = api.Name, pitch = api.Pitch, audience = api.Audience, problem = api.Problem,
            status = api.Status.ToString(), version = api.Version, docsUrl = api.DocsUrl, owners = api.Owners, canEdit,
        });
}
