using Cronos;
using FeedbackBot.Core.Surveys;

namespace FeedbackBot.Jobs;

/// <summary>Cron occurrences with Cronos, in the survey's own time zone (daylight saving included).</summary>
public sealed class CronCalendar : ISurveyCalendar
{
    public DateTimeOffset? Next(string cron, string timeZone, DateTimeOffset after)
    {
        try
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)) return null;
            return CronExpression.Parse(cron).GetNextOccurrence(after, zone);
        }
        catch (CronFormatException)
        {
            return null;
        }
    }
}
