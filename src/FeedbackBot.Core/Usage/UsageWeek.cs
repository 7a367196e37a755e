namespace FeedbackBot.Core.Usage;

/// <summary>One day of the chart: calls by outcome and the day's p95.</summary>
public sealed record UsageDayPoint(DateOnly Day, long Ok, long Redirects, long ClientErrors, long ServerErrors, double? P95);

/// <summary>A consumer's week: its calls, share, error rate, and whether it is struggling (many errors, enough calls to tell).</summary>
public sealed record ConsumerWeek(string Consumer, UsageCounts Counts, double Share, bool Struggling, string TopFailingRoute);

/// <summary>A consumer first seen this week: how long until its first success, or what it got instead.</summary>
public sealed record NewConsumer(string Consumer, TimeSpan? TimeToFirstSuccess, UsageCounts Counts);

/// <summary>Which consumers came, stayed away or came back (see <see cref="UsageWeek.Of"/> for the definitions).</summary>
public sealed record ConsumerMovement(int Active, int New, int Returning, int GoneQuiet, int Churned);

/// <summary>
/// One API's week against the week before, from day rollups alone (35 rows at most: this week, last week and the 3
/// weeks before, for the consumer movement). Nothing here reads raw records.
/// </summary>
public sealed record UsageWeek(
    UsageCounts Total, UsageCounts PreviousTotal, LatencyHistogram Latency, LatencyHistogram PreviousLatency,
    IReadOnlyList<UsageDayPoint> Daily, IReadOnlyList<ConsumerWeek> Consumers, IReadOnlyDictionary<string, UsageCounts> Routes,
    ConsumerMovement Movement, IReadOnlyList<NewConsumer> NewConsumers)
{
    public const int LookbackDays = 28;
    public const double StrugglingErrorRate = 0.10;
    public const int StrugglingMinCalls = 20;

    /// <summary>
    /// <paramref name="days"/> may span <paramref name="first"/> − 28 days to the end of the week. Active: called this
    /// week. New: called this week and not in the 28 days before. Returning: called this week, not last week, but in
    /// the 3 weeks before. Gone quiet: called last week, not this week. Churned: called in the 3 weeks before last week,
    /// and neither last week nor this week.
    /// </summary>
    public static UsageWeek Of(IReadOnlyList<UsageDay> days, DateOnly first, int length = 7)
    {
        var end = first.AddDays(length);
        var previousFirst = first.AddDays(-7);
        var earlierFirst = first.AddDays(-LookbackDays);
        var week = Sum(days.Where(d => d.Day >= first && d.Day < end));
        var previous = Sum(days.Where(d => d.Day >= previousFirst && d.Day < first));
        var earlier = Sum(days.Where(d => d.Day >= earlierFirst && d.Day < previousFirst));

        var daily = Enumerable.Range(0, length).Select(i => first.AddDays(i)).Select(day =>
        {
            var rollup = days.FirstOrDefault(d => d.Day == day)?.Rollup;
            var total = rollup?.Total() ?? new UsageCounts();
            return new UsageDayPoint(day, total.Ok, total.Redirects, total.ClientErrors, total.ServerErrors, rollup?.Latency.Percentile(0.95));
        }).ToList();

        var byConsumer = week.ByConsumer();
        var total = UsageRollup.Sum(byConsumer.Values);
        var consumers = byConsumer
            .Where(c => c.Key != UsageRollup.OtherConsumers)
            .OrderByDescending(c => c.Value.Calls).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ConsumerWeek(c.Key, c.Value, total.Calls == 0 ? 0 : (double)c.Value.Calls / total.Calls,
                c.Value.Calls >= StrugglingMinCalls && c.Value.ErrorRate >= StrugglingErrorRate, TopFailingRoute(week, c.Key)))
            .ToList();

        var thisWeek = byConsumer.Keys.Where(k => k != UsageRollup.OtherConsumers).ToHashSet(StringComparer.Ordinal);
        var lastWeek = previous.Firsts.Keys.ToHashSet(StringComparer.Ordinal);
        var before = earlier.Firsts.Keys.ToHashSet(StringComparer.Ordinal);
        var newOnes = thisWeek.Where(c => !lastWeek.Contains(c) && !before.Contains(c)).ToList();
        var movement = new ConsumerMovement(
            thisWeek.Count,
            newOnes.Count,
            thisWeek.Count(c => !lastWeek.Contains(c) && before.Contains(c)),
            lastWeek.Count(c => !thisWeek.Contains(c)),
            before.Count(c => !lastWeek.Contains(c) && !thisWeek.Contains(c)));

        var newConsumers = newOnes
            .Select(c => new NewConsumer(c, week.Firsts.TryGetValue(c, out var f) && f.FirstOkAt is { } ok ? TimeSpan.FromMilliseconds(ok - f.FirstAt) : null, byConsumer[c]))
            .OrderBy(n => n.TimeToFirstSuccess is null ? 0 : 1).ThenByDescending(n => n.Counts.Calls).ThenBy(n => n.Consumer, StringComparer.Ordinal)
            .ToList();

        return new UsageWeek(week.Total(), previous.Total(), week.Latency, previous.Latency, daily, consumers, week.ByRoute(), movement, newConsumers);
    }

    public bool IsQuiet => Total.Calls == 0 && PreviousTotal.Calls == 0;

    private static UsageRollup Sum(IEnumerable<UsageDay> days)
    {
        var sum = new UsageRollup();
        foreach (var day in days) sum.Merge(day.Rollup);
        return sum;
    }

    private static string TopFailingRoute(UsageRollup week, string consumer) =>
        week.Cells.Where(c => c.Key.Consumer == consumer && c.Value.Errors > 0)
            .OrderByDescending(c => c.Value.Errors).ThenBy(c => c.Key.Route, StringComparer.Ordinal)
            .Select(c => c.Key.Route).FirstOrDefault() ?? "";
}
