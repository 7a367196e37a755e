using System.Security.Cryptography;
using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary><c>surveys off</c> / <c>surveys on</c>: a consumer stops (or resumes) receiving surveys; mandatory ones still come.</summary>
public sealed class SurveyOptOutHandler(ISurveyStore surveys) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var off = (turn.Text ?? "").EndsWith("off", StringComparison.OrdinalIgnoreCase);
        await surveys.SetOptedOutAsync(turn.TenantKey, turn.User.Key, off, cancellationToken);
        return [new Reply.Text(off
            ? "Done: you will not receive surveys any more (except ones your admin marks mandatory). Type `surveys on` to receive them again."
            : "Done: you will receive surveys again. Type `surveys off` to stop.")];
    }
}
