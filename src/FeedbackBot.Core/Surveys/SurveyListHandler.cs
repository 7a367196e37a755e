using System.Security.Cryptography;
using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary><c>survey list</c>: the tenant's surveys.</summary>
public sealed class SurveyListHandler(ISurveyStore surveys, SurveyCards cards, RoleDirectory roles) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!roles.IsProductManager(turn.User)) return [new Reply.Text("Only product managers see the surveys.")];
        var all = (await surveys.ListAsync(turn.TenantKey, cancellationToken)).OrderByDescending(s => s.CreatedAt).ToList();
        return [new Reply.Card(cards.List(all), $"{all.Count} surveys")];
    }
}
