using System.Globalization;
using FeedbackBot.Core.Roadmap;
using static FeedbackBot.Core.Usage.UsageText;

namespace FeedbackBot.Core.Usage;

/// <summary>The usage digest's lines for one API, each a sentence a product manager can act on.</summary>
public static class UsageDigestLines
{
    public static object[] Facts(UsageWeek week)
    {
        var total = week.Total;
        var before = week.PreviousTotal;
        var hadBefore = before.Calls > 0;
        var clientRate = Rate(total.ClientErrors, total.Calls);
        var serverRate = Rate(total.ServerErrors, total.Calls);
        var p95 = week.Latency.Percentile(0.95);
        var p95Before = week.PreviousLatency.Percentile(0.95);
        var p95Change = p95 is { } now && p95Before is { } then && then > 0 ? $" ({Signed((now - then) / then * 100, "0")}%)" : "";
        var m = week.Movement;
        return
        [
            new { title = "4xx", value = $"{Percent(clientRate)}{Points(clientRate, Rate(before.ClientErrors, before.Calls), hadBefore)}{ClientCodes(total)}" },
            new { title = "5xx", value = $"{Percent(serverRate)}{Points(serverRate, Rate(before.ServerErrors, before.Calls), hadBefore)}{WorstServerRoute(week)}" },
            new { title = "Latency", value = $"p50 {Millis(week.Latency.Percentile(0.50))} · p95 {Millis(p95)}{p95Change} · p99 {Millis(week.Latency.Percentile(0.99))}" },
            new { title = "Consumers", value = $"{m.Active} active · {m.New} new · {m.Returning} returning · {m.GoneQuiet} gone quiet · {m.Churned} churned" },
        ];
    }

    /// <summary>": 401 ×512, 429 ×190 — auth trouble, hitting limits".</summary>
    private static string ClientCodes(UsageCounts total)
    {
        var codes = new[] { ("401", total.Unauthorized), ("403", total.Forbidden), ("404", total.NotFound), ("429", total.TooManyRequests) }
            .Where(c => c.Item2 > 0).OrderByDescending(c => c.Item2).ToList();
        if (codes.Count == 0) return "";
        var meaning = new List<string>();
        if (total.Unauthorized + total.Forbidden > 0) meaning.Add("auth trouble");
        if (total.TooManyRequests > 0) meaning.Add("hitting limits");
        return ": " + string.Join(", ", codes.Select(c => $"{c.Item1} ×{Count(c.Item2)}")) + (meaning.Count > 0 ? " — " + string.Join(", ", meaning) : "");
    }

    private static string WorstServerRoute(UsageWeek week)
    {
        var worst = week.Routes.Where(r => r.Value.ServerErrors > 0).OrderByDescending(r => r.Value.ServerErrors).ThenBy(r => r.Key, StringComparer.Ordinal).FirstOrDefault();
        return worst.Key is null ? "" : $", most on {worst.Key} ({Count(worst.Value.ServerErrors)})";
    }

    public static string Consumers(UsageWeek week) =>
        string.Join("\n", week.Consumers.Take(UsageDigestComposer.TopConsumers).Select(c =>
            $"{(c.Struggling ? "⚠️ " : "")}{Consumer(c.Consumer)}: {Percent(c.Share)} of calls, {Percent(c.Counts.ErrorRate)} errors"
            + (c.Struggling && c.TopFailingRoute.Length > 0 ? $", most on {c.TopFailingRoute}" : "")));

    public static string Routes(UsageWeek week)
    {
        var calls = week.Total.Calls;
        var busiest = week.Routes.OrderByDescending(r => r.Value.Calls).ThenBy(r => r.Key, StringComparer.Ordinal).Take(UsageDigestComposer.TopRoutes)
            .Select(r => $"{r.Key} ({Percent(Rate(r.Value.Calls, calls))})").ToList();
        var failing = week.Routes.Where(r => r.Value.Errors > 0).OrderByDescending(r => r.Value.Errors).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Take(UsageDigestComposer.TopRoutes).Select(r => $"{r.Key} ({Count(r.Value.Errors)})").ToList();
        var lines = new List<string>();
        if (busiest.Count > 0) lines.Add("Most called: " + string.Join(", ", busiest));
        if (failing.Count > 0) lines.Add("Most errors: " + string.Join(", ", failing));
        return string.Join("\n", lines);
    }

    public static string Newcomers(UsageWeek week) =>
        string.Join("\n", week.NewConsumers.Take(UsageDigestComposer.MaxNewcomers).Select(n => n.TimeToFirstSuccess is { } first
            ? $"{Consumer(n.Consumer)}: first success {Duration(first)} after its first call"
            : $"{Consumer(n.Consumer)}: {Outcomes(n.Counts)}")
            .Concat(week.NewConsumers.Count > UsageDigestComposer.MaxNewcomers ? [$"…and {week.NewConsumers.Count - UsageDigestComposer.MaxNewcomers} more"] : []));

    /// <summary>The chart as text, for a bot without a public address: one line a day, bars scaled to the busiest day.</summary>
    public static string Daily(UsageWeek week, IReadOnlyList<RoadmapItem> releases)
    {
        var busiest = Math.Max(1, week.Daily.Max(d => d.Ok + d.Redirects + d.ClientErrors + d.ServerErrors));
        return string.Join("\n", week.Daily.Select(d =>
        {
            var calls = d.Ok + d.Redirects + d.ClientErrors + d.ServerErrors;
            var bar = new string('▇', (int)Math.Round(12.0 * calls / busiest));
            var released = releases.Any(r => DateOnly.FromDateTime(r.StatusChangedAt.UtcDateTime) == d.Day) ? " 🚀" : "";
            var errors = d.ClientErrors + d.ServerErrors > 0 ? $" ({Count(d.ClientErrors + d.ServerErrors)} errors)" : "";
            return $"{d.Day.ToString("ddd", CultureInfo.InvariantCulture)} {Count(calls),8} {bar}{errors}{(d.P95 is { } p ? $" p95 {Millis(p)}" : "")}{released}";
        }));
    }
}
