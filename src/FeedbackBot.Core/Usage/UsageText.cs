using System.Globalization;

namespace FeedbackBot.Core.Usage;

/// <summary>How usage figures read in a card: thousands separated, rates as percentages, changes against last week.</summary>
public static class UsageText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long n) => n.ToString("N0", Invariant);

    public static string Percent(double rate) => (rate * 100).ToString(rate is > 0 and < 0.001 ? "0.00" : "0.0", Invariant) + "%";

    public static double Rate(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    /// <summary>"+12% vs 43,050"; "new" when last week had none.</summary>
    public static string Change(long now, long before) =>
        before == 0 ? (now == 0 ? "none last week either" : "none the week before")
        : $"{Signed((double)(now - before) / before * 100, "0")}% vs {Count(before)}";

    /// <summary>A rate's change in percentage points: "(−0.6 pt)".</summary>
    public static string Points(double now, double before, bool hadBefore) =>
        hadBefore ? $" ({Signed((now - before) * 100, "0.0")} pt)" : "";

    public static string Millis(double? ms) => ms switch
    {
        null => "–",
        < 10 => ms.Value.ToString("0.0", Invariant) + " ms",
        < 10_000 => ms.Value.ToString("0", Invariant) + " ms",
        _ => (ms.Value / 1000).ToString("0.0", Invariant) + " s",
    };

    public static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        < 1 => "under a second",
        < 60 => $"{span.TotalSeconds:0} s",
        < 3600 => $"{span.TotalMinutes:0} min",
        < 86400 => $"{span.TotalHours:0.#} h",
        _ => $"{span.TotalDays:0.#} days",
    };

    public static string Signed(double value, string format) =>
        (value > 0 ? "+" : value < 0 ? "−" : "±") + Math.Abs(value).ToString(format, Invariant);

    /// <summary>What a consumer that never succeeded got: "37 calls, all 401", or its mix.</summary>
    public static string Outcomes(UsageCounts c)
    {
        foreach (var (count, code) in new[] { (c.Unauthorized, "401"), (c.Forbidden, "403"), (c.NotFound, "404"), (c.TooManyRequests, "429") })
            if (count == c.Calls) return $"{Count(c.Calls)} calls, all {code}";
        if (c.ServerErrors == c.Calls) return $"{Count(c.Calls)} calls, all 5xx";
        return $"{Count(c.Calls)} calls, no 2xx yet ({Count(c.ClientErrors)} 4xx, {Count(c.ServerErrors)} 5xx)";
    }

    /// <summary>A consumer as people read it: a hashed id shows its last 4 characters only.</summary>
    public static string Consumer(string id)
    {
        var hash = id.IndexOf('#');
        return id.StartsWith('…') && hash > 0 ? id[..hash] : id;
    }
}
