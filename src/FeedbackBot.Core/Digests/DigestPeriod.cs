using System.Globalization;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Digests;

/// <summary>The week a digest covers, in the digest's time zone: <c>2026-W48</c>, Monday 00:00 to the next Monday.</summary>
public sealed record DigestPeriod(string Id, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The last full week before <paramref name="now"/> (a Monday-morning digest covers the week that just ended).</summary>
    public static DigestPeriod LastWeek(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var monday = local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)).AddDays(-7);
        var start = new DateTimeOffset(monday, zone.GetUtcOffset(monday));
        var end = new DateTimeOffset(monday.AddDays(7), zone.GetUtcOffset(monday.AddDays(7)));
        var id = $"{ISOWeek.GetYear(monday)}-W{ISOWeek.GetWeekOfYear(monday):00}";
        return new DigestPeriod(id, start, end);
    }
}
