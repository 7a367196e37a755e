using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Surveys;

/// <summary>Hands one delivery per destination to the job system (Hangfire children in the host), so each is retried alone.</summary>
public interface ISurveyFanOut
{
    void Deliver(string tenantKey, string runId, IReadOnlyList<string> recipientKeys, bool reminder);
}
