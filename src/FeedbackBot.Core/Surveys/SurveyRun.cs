using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Surveys;

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
