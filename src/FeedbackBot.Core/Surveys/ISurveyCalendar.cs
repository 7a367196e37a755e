using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Surveys;

/// <summary>Cron occurrences in a time zone (the host's cron library); null when the cron or zone is not valid.</summary>
public interface ISurveyCalendar
{
    DateTimeOffset? Next(string cron, string timeZone, DateTimeOffset after);
}
