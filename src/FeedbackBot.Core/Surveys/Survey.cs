using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Surveys;

public enum SurveyKind { Nps, Csat, Ces, Custom }

/// <summary>Who receives a run: each member of a channel personally, one card in the channel, or an API's consumers personally.</summary>
public enum SurveyAudience { ChannelMembers, Channel, ApiConsumers }

public enum SurveyStatus { Active, Paused, Closed }

/// <summary>
/// A survey as a product manager set it up. <paramref name="Cron"/> empty: one run at <paramref name="NextRunAt"/>;
/// otherwise a run at each occurrence of the cron in <paramref name="TimeZone"/>. <paramref name="Salt"/> keys the
/// respondent hash of an anonymous survey.
/// </summary>
public sealed record Survey(
    string TenantKey, string Id, string Title, SurveyKind Kind, string ApiId, bool Anonymous, bool Mandatory,
    IReadOnlyList<SurveyQuestion> Questions, SurveyAudience Audience, ConversationHandle? Channel,
    string Cron, string TimeZone, DateTimeOffset? NextRunAt, TimeSpan OpenFor, TimeSpan? RemindAfter,
    SurveyStatus Status, string CreatedBy, DateTimeOffset CreatedAt, string Salt, int Runs)
{
    public const int MaxQuestions = 10;

    public bool IsRecurring => Cron.Length > 0;

    /// <summary>False once every run has closed (the scheduler then skips its runs); null when not known yet.</summary>
    public bool? HasOpenRuns { get; init; }
}
