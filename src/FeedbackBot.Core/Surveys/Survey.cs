using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Surveys;

public enum SurveyKind { Nps, Csat, Ces, Custom }

public enum QuestionType { Rating, SingleChoice, MultipleChoice, FreeText }

/// <summary>Who receives a run: each member of a channel personally, one card in the channel, or an API's consumers personally.</summary>
public enum SurveyAudience { ChannelMembers, Channel, ApiConsumers }

public enum SurveyStatus { Active, Paused, Closed }

/// <summary>One question. Ratings use <paramref name="Min"/>..<paramref name="Max"/>; choices use <paramref name="Choices"/>.</summary>
public sealed record SurveyQuestion(string Id, QuestionType Type, string Text, bool Required, int Min = 0, int Max = 0, IReadOnlyList<string>? Choices = null)
{
    public IReadOnlyList<string> Options => Choices ?? [];
}

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

/// <summary>One sending of a survey; answers belong to a run. Id: <c>&lt;survey id&gt;-&lt;number&gt;</c> (<c>SV-101-2</c>).</summary>
public sealed record SurveyRun(
    string TenantKey, string SurveyId, int Number, DateTimeOffset StartedAt, DateTimeOffset ClosesAt, DateTimeOffset? RemindAt,
    bool Reminded, bool Closed, int Recipients)
{
    public string RunId => $"{SurveyId}-{Number}";

    /// <summary>Recipients written and deliveries handed to the fan-out; false after a start that crashed halfway.</summary>
    public bool Dispatched { get; init; }

    public bool IsOpen(DateTimeOffset now) => !Closed && now < ClosesAt;

    /// <summary>The survey a run id belongs to (<c>SV-101-2</c> → <c>SV-101</c>), or null when it is not a run id.</summary>
    public static (string SurveyId, int Number)? Parse(string? runId)
    {
        var dash = runId?.LastIndexOf('-') ?? -1;
        if (runId is null || dash <= 0 || !int.TryParse(runId[(dash + 1)..], out var number) || number <= 0) return null;
        var surveyId = runId[..dash].ToUpperInvariant();
        return surveyId.StartsWith("SV-", StringComparison.Ordinal) ? (surveyId, number) : null;
    }
}

/// <summary>A person a run is sent to, and where the bot saw them (to reach their personal chat).</summary>
public sealed record SurveyRecipient(Person Person, ConversationHandle SeenIn);

/// <summary>
/// One respondent's answers in one run, by question id. <paramref name="Respondent"/> is null for anonymous surveys:
/// then <paramref name="RespondentKey"/> is a salted hash and nothing else identifies the person.
/// </summary>
public sealed record SurveyResponse(string RespondentKey, Person? Respondent, IReadOnlyDictionary<string, string> Answers, DateTimeOffset AnsweredAt);

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

/// <summary>The members of a channel, from the platform (Slack conversations.members, Teams roster).</summary>
public interface IChannelRoster
{
    Task<IReadOnlyList<SurveyRecipient>> MembersAsync(ConversationHandle channel, CancellationToken cancellationToken);
}

/// <summary>Cron occurrences in a time zone (the host's cron library); null when the cron or zone is not valid.</summary>
public interface ISurveyCalendar
{
    DateTimeOffset? Next(string cron, string timeZone, DateTimeOffset after);
}

/// <summary>Hands one delivery per destination to the job system (Hangfire children in the host), so each is retried alone.</summary>
public interface ISurveyFanOut
{
    void Deliver(string tenantKey, string runId, IReadOnlyList<string> recipientKeys, bool reminder);
}
