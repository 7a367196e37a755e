using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Surveys;

/// <summary>
/// One respondent's answers in one run, by question id. <paramref name="Respondent"/> is null for anonymous surveys:
/// then <paramref name="RespondentKey"/> is a salted hash and nothing else identifies the person.
/// </summary>
public sealed record SurveyResponse(string RespondentKey, Person? Respondent, IReadOnlyDictionary<string, string> Answers, DateTimeOffset AnsweredAt);
