using System.Security.Cryptography;
using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary><c>survey pause|resume|close &lt;id&gt;</c>. Closing also closes the open runs, so later answers are refused.</summary>
public sealed class SurveyStatusHandler(ISurveyStore surveys, RoleDirectory roles, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!roles.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can change surveys.")];
        var verb = (turn.Text ?? "").Split(' ')[1].ToLowerInvariant();
        var survey = arguments.Length == 0 ? null : await surveys.GetAsync(turn.TenantKey, arguments.ToUpperInvariant(), cancellationToken);
        if (survey is null) return [new Reply.Text($"There is no survey \"{arguments}\". Type `survey list` to see them.")];
        if (survey.Status == SurveyStatus.Closed) return [new Reply.Text($"{survey.Id} is closed already. Nothing changed.")];

        var status = verb switch { "pause" => SurveyStatus.Paused, "resume" => SurveyStatus.Active, _ => SurveyStatus.Closed };
        // Under the ETag: a run starting at the same moment cannot write the old status back.
        var changed = await surveys.UpdateAsync(turn.TenantKey, survey.Id, s => s.Status == SurveyStatus.Closed ? null : s with { Status = status }, cancellationToken);
        if (changed is null) return [new Reply.Text($"{survey.Id} is closed already. Nothing changed.")];
        if (status == SurveyStatus.Closed)
        {
            foreach (var run in await surveys.ListRunsAsync(turn.TenantKey, survey.Id, cancellationToken))
                // Closed early: the run's closing time becomes now, so a late answer is told when it really closed.
                if (!run.Closed) await surveys.UpdateRunAsync(turn.TenantKey, survey.Id, run.Number,
                    r => r.Closed ? null : r with { Closed = true, ClosesAt = r.ClosesAt > time.GetUtcNow() ? time.GetUtcNow() : r.ClosesAt }, cancellationToken);
        }
        return [new Reply.Text(status switch
        {
            SurveyStatus.Paused => $"{survey.Id} is paused: no new runs until `survey resume {survey.Id}`. Open runs still take answers.",
            SurveyStatus.Active => $"{survey.Id} is active again.",
            _ => $"{survey.Id} is closed: no new runs, and answers are no longer accepted.",
        })];
    }
}
