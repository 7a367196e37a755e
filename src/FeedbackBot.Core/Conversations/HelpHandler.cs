using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;

namespace FeedbackBot.Core.Conversations;

/// <summary><c>help</c>: the commands that apply to this user; product managers (and API owners) also see theirs.</summary>
public sealed class HelpHandler(IEnumerable<CommandRoute> commands, ApiAccess access, CardTemplates cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var isProductManager = await access.ManagesAnyApiAsync(turn.TenantKey, turn.User, cancellationToken);

        var sections = new List<object> { Section("For everyone", Audience.Everyone) };
        if (isProductManager) sections.Add(Section("For product managers", Audience.ProductManagers));

        var card = cards.Expand("help", new { role = isProductManager ? "product manager" : "API consumer", sections });
        return [new Reply.Card(card, "What I can do for you")];
    }

    private object Section(string title, Audience audience) => new
    {
        title,
        commands = commands.Where(c => c.Audience == audience).Select(c => new { usage = c.Usage, description = c.Description }),
    };
}
