using System.Security.Cryptography;
using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary><c>survey results &lt;id&gt;</c>: the latest run's numbers, the trend across runs, the free-text answers.</summary>
public sealed class SurveyResultsHandler(ISurveyStore surveys, SurveyCards cards, RoleDirectory roles) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!roles.IsProductManager(turn.User)) return [new Reply.Text("Only product managers see survey results.")];
        var id = (turn.Action?.Get("surveyId") ?? arguments).Trim().ToUpperInvariant();
        var survey = id.Length == 0 ? null : await surveys.GetAsync(turn.TenantKey, id, cancellationToken);
        if (survey is null) return [new Reply.Text($"There is no survey \"{id}\". Type `survey list` to see them.")];
        var runs = (await surveys.ListRunsAsync(turn.TenantKey, survey.Id, cancellationToken)).OrderBy(r => r.Number).ToList();
        if (runs.Count == 0) return [new Reply.Text($"{survey.Id} has not been sent yet{(survey.NextRunAt is { } next ? $"; its first run is at {next.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "")}.")];

        var trend = new List<(SurveyRun, RunScore)>();
        IReadOnlyList<SurveyResponse> latest = [];
        foreach (var run in runs.TakeLast(8))
        {
            latest = await surveys.ListResponsesAsync(turn.TenantKey, run.RunId, cancellationToken);
            trend.Add((run, RunScore.Of(survey, run.Recipients, latest)));
        }
        var (lastRun, lastScore) = trend[^1];
        return [new Reply.Card(cards.Results(survey, lastRun, lastScore, trend, latest), $"Results of {survey.Id}")];
    }
}
