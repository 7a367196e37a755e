namespace FeedbackBot.Core.Usage;

/// <summary>When a consumer first called, and first called successfully (a 2xx), in Unix milliseconds.</summary>
public sealed record ConsumerFirsts(long FirstAt, long? FirstOkAt)
{
    public ConsumerFirsts Merge(ConsumerFirsts other) => new(
        Math.Min(FirstAt, other.FirstAt),
        FirstOkAt is null ? other.FirstOkAt : other.FirstOkAt is null ? FirstOkAt : Math.Min(FirstOkAt.Value, other.FirstOkAt.Value));
}

/// <summary>
/// One API's usage over some time (a batch's hour, an hour, a day, a week): counters per consumer and route, latency
/// histograms per route, per consumer and overall, and when each consumer first called. Merging two is exact and
/// order-free, which is what lets deltas fold into hours and hours into days from any instance.
/// </summary>
public sealed class UsageRollup
{
    /// <summary>Where the consumers that do not fit a document's limits are added up (totals stay exact).</summary>
    public const string OtherConsumers = "(other consumers)";

    public Dictionary<(string Consumer, string Route), UsageCounts> Cells { get; } = [];

    public Dictionary<string, LatencyHistogram> RouteLatency { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, LatencyHistogram> ConsumerLatency { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ConsumerFirsts> Firsts { get; } = new(StringComparer.Ordinal);

    public LatencyHistogram Latency { get; } = new();

    public bool IsEmpty => Cells.Count == 0;

    public void Add(UsageRecord record)
    {
        var route = record.RouteKey;
        Cell(record.Consumer, route).Add(record.Status, record.BytesIn, record.BytesOut);
        Histogram(RouteLatency, route).Add(record.LatencyMs);
        Histogram(ConsumerLatency, record.Consumer).Add(record.LatencyMs);
        Latency.Add(record.LatencyMs);
        var at = record.Timestamp.ToUnixTimeMilliseconds();
        var firsts = new ConsumerFirsts(at, record.Status is >= 200 and < 300 ? at : null);
        Firsts[record.Consumer] = Firsts.TryGetValue(record.Consumer, out var seen) ? seen.Merge(firsts) : firsts;
    }

    public void Merge(UsageRollup other)
    {
        foreach (var ((consumer, route), counts) in other.Cells) Cell(consumer, route).Merge(counts);
        foreach (var (route, histogram) in other.RouteLatency) Histogram(RouteLatency, route).Merge(histogram);
        foreach (var (consumer, histogram) in other.ConsumerLatency) Histogram(ConsumerLatency, consumer).Merge(histogram);
        foreach (var (consumer, firsts) in other.Firsts)
            Firsts[consumer] = Firsts.TryGetValue(consumer, out var seen) ? seen.Merge(firsts) : firsts;
        Latency.Merge(other.Latency);
    }

    public UsageCounts Total() => Sum(Cells.Values);

    public Dictionary<string, UsageCounts> ByConsumer() => Group(c => c.Consumer);

    public Dictionary<string, UsageCounts> ByRoute() => Group(c => c.Route);

    /// <summary>
    /// Keeps the <paramref name="maxConsumers"/> busiest consumers and adds the rest up as <see cref="OtherConsumers"/>,
    /// so a document stays under Table Storage's 1 MiB an entity whatever the traffic; totals and routes stay exact.
    /// </summary>
    public UsageRollup Collapse(int maxConsumers)
    {
        var byConsumer = ByConsumer();
        if (byConsumer.Count <= maxConsumers) return this;
        var kept = byConsumer.OrderByDescending(c => c.Value.Calls).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(maxConsumers - 1).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        string Keep(string consumer) => kept.Contains(consumer) ? consumer : OtherConsumers;

        var collapsed = new UsageRollup();
        foreach (var ((consumer, route), counts) in Cells) collapsed.Cell(Keep(consumer), route).Merge(counts);
        foreach (var (route, histogram) in RouteLatency) Histogram(collapsed.RouteLatency, route).Merge(histogram);
        foreach (var (consumer, histogram) in ConsumerLatency) Histogram(collapsed.ConsumerLatency, Keep(consumer)).Merge(histogram);
        foreach (var (consumer, firsts) in Firsts.Where(f => kept.Contains(f.Key))) collapsed.Firsts[consumer] = firsts;
        collapsed.Latency.Merge(Latency);
        return collapsed;
    }

    private Dictionary<string, UsageCounts> Group(Func<(string Consumer, string Route), string> key)
    {
        var groups = new Dictionary<string, UsageCounts>(StringComparer.Ordinal);
        foreach (var (cell, counts) in Cells)
        {
            var name = key(cell);
            if (!groups.TryGetValue(name, out var sum)) groups[name] = sum = new UsageCounts();
            sum.Merge(counts);
        }
        return groups;
    }

    public static UsageCounts Sum(IEnumerable<UsageCounts> counts)
    {
        var total = new UsageCounts();
        foreach (var c in counts) total.Merge(c);
        return total;
    }

    public UsageCounts Cell(string consumer, string route)
    {
        if (!Cells.TryGetValue((consumer, route), out var counts)) Cells[(consumer, route)] = counts = new UsageCounts();
        return counts;
    }

    public static LatencyHistogram Histogram(Dictionary<string, LatencyHistogram> histograms, string key)
    {
        if (!histograms.TryGetValue(key, out var histogram)) histograms[key] = histogram = new LatencyHistogram();
        return histogram;
    }
}
