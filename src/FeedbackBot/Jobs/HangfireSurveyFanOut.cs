using FeedbackBot.Core.Surveys;
using Hangfire;

namespace FeedbackBot.Jobs;

/// <summary>One Hangfire child per destination: each is retried alone, and the delivery log stops a retry sending twice.</summary>
public sealed class HangfireSurveyFanOut(IBackgroundJobClient jobs) : ISurveyFanOut
{
    public void Deliver(string tenantKey, string runId, IReadOnlyList<string> recipientKeys, bool reminder)
    {
        foreach (var key in recipientKeys) jobs.Enqueue<SurveyJob>(job => job.DeliverAsync(tenantKey, runId, key, reminder, CancellationToken.None));
    }
}
