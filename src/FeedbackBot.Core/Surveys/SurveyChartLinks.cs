namespace FeedbackBot.Core.Surveys;

/// <summary>
/// Where a platform fetches a run's distribution drawn as a bar chart. The host draws and serves the image; the core
/// only asks for its address, so it stays free of any drawing library. Null when the bot has no public address:
/// the results card then shows text bars.
/// </summary>
public interface ISurveyChartLinks
{
    string? For(Survey survey, SurveyRun run, RunScore score);
}
