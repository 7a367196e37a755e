using FeedbackBot.Core.Surveys;
using Hangfire;

namespace FeedbackBot.Jobs;

/// <summary>The Hangfire entry points: the scheduler pass (recurring, see <see cref="RecurringJobs"/>) and one delivery (a child).</summary>
public sealed class SurveyJob(SurveyDesk desk, ILogger<SurveyJob> log)
{
    public const string Id = "survey-scheduler";

    [AutomaticRetry(Attempts = 0)]
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var started = await desk.TickAsync(cancellationToken);
        if (started > 0) log.LogInformation("Survey scheduler started {Count} run(s)", started);
    }

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [15, 60, 240])]
    public Task<bool> DeliverAsync(string tenantKey, string runId, string recipientKey, bool reminder, CancellationToken cancellationToken) =>
        desk.DeliverAsync(tenantKey, runId, recipientKey, reminder, cancellationToken);
}
