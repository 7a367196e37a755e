using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Surveys;

public interface ISurveyStore
{
    Task<string> NextSurveyIdAsync(string tenantKey, CancellationToken cancellationToken);
    Task AddAsync(Survey survey, CancellationToken cancellationToken);
    Task<Survey?> GetAsync(string tenantKey, string surveyId, CancellationToken cancellationToken);
    /// <summary>
    /// Applies <paramref name="change"/> to the stored survey, retried on a concurrent write so no change is lost.
    /// <paramref name="change"/> returns null to leave it as it is. Returns the survey written, or null when nothing was.
    /// </summary>
    Task<Survey?> UpdateAsync(string tenantKey, string surveyId, Func<Survey, Survey?> change, CancellationToken cancellationToken);
    Task<IReadOnlyList<Survey>> ListAsync(string tenantKey, CancellationToken cancellationToken);
    /// <summary>Every tenant with a survey, so the scheduler never scans.</summary>
    Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken);

    /// <summary>Adds a run; false when that run number exists already (another instance started it).</summary>
    Task<bool> TryAddRunAsync(SurveyRun run, CancellationToken cancellationToken);
    Task<SurveyRun?> GetRunAsync(string tenantKey, string surveyId, int number, CancellationToken cancellationToken);
    /// <summary>As <see cref="UpdateAsync"/>, for one run.</summary>
    Task<SurveyRun?> UpdateRunAsync(string tenantKey, string surveyId, int number, Func<SurveyRun, SurveyRun?> change, CancellationToken cancellationToken);
    Task<IReadOnlyList<SurveyRun>> ListRunsAsync(string tenantKey, string surveyId, CancellationToken cancellationToken);

    Task AddRecipientsAsync(string tenantKey, string runId, IReadOnlyList<SurveyRecipient> recipients, CancellationToken cancellationToken);
    Task<IReadOnlyList<SurveyRecipient>> ListRecipientsAsync(string tenantKey, string runId, CancellationToken cancellationToken);
    Task<SurveyRecipient?> GetRecipientAsync(string tenantKey, string runId, string personKey, CancellationToken cancellationToken);

    Task<SurveyResponse?> GetResponseAsync(string tenantKey, string runId, string respondentKey, CancellationToken cancellationToken);
    /// <summary>Replaces the respondent's answers in the run (a second answer replaces, never adds).</summary>
    Task SaveResponseAsync(string tenantKey, string runId, SurveyResponse response, CancellationToken cancellationToken);
    Task<IReadOnlyList<SurveyResponse>> ListResponsesAsync(string tenantKey, string runId, CancellationToken cancellationToken);

    Task SetOptedOutAsync(string tenantKey, string personKey, bool optedOut, CancellationToken cancellationToken);
    Task<bool> IsOptedOutAsync(string tenantKey, string personKey, CancellationToken cancellationToken);
}
