using FeedbackBot.Core.Usage;
using FeedbackBot.Tests.Infrastructure;
using static FeedbackBot.Tests.Usage.UsageKit;

namespace FeedbackBot.Tests.Usage;

public sealed class UsageRollupTests
{
    [Fact]
    public async Task Two_instances_folding_the_same_hours_at_once_count_every_record_exactly_once()
    {
        await using var first = await BotApplication.StartAsync();
        await using var second = await BotApplication.StartAsync(s => s["Storage:TablePrefix"] = first.TablePrefix);
        var secret = await first.NewKeyAsync("usage key new gateway");
        var batches = Enumerable.Range(0, 12).Select(i => Generate(first, 150, seed: 100 + i, hoursBack: 3)).ToList();

        foreach (var (batch, i) in batches.Select((b, i) => (b, i)))
        {
            await (i % 2 == 0 ? first : second).PostRecordsAsync(batch, secret);
            if (i % 3 == 2) await Task.WhenAll(first.FoldAsync(), second.FoldAsync(), first.FoldAsync());
        }
        await Task.WhenAll(first.FoldAsync(), second.FoldAsync());
        await first.FoldAsync();

        var all = batches.SelectMany(b => b).ToList();
        UsageIngestTests.AssertCounts(Truth(all), (await first.StoredAsync("payments")).Total());
        UsageIngestTests.AssertCounts(Truth(all), (await second.StoredAsync("payments")).Total());
    }

    [Fact]
    public void Percentiles_from_merged_histograms_are_within_5_percent_of_the_exact_value()
    {
        var random = new Random(42);
        // A long-tailed latency distribution: log-normal around 80 ms, with 2% slow outliers.
        var latencies = Enumerable.Range(0, 200_000).Select(_ =>
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var value = Math.Exp(Math.Log(80) + 0.6 * normal);
            return random.NextDouble() < 0.02 ? value * 20 : value;
        }).ToArray();
        // Spread over 24 "hours", each its own histogram, then merged (as days and weeks are).
        var hours = Enumerable.Range(0, 24).Select(_ => new LatencyHistogram()).ToArray();
        for (var i = 0; i < latencies.Length; i++) hours[i % 24].Add(latencies[i]);
        var week = new LatencyHistogram();
        foreach (var hour in hours) week.Merge(UsageRollupCodec.Decode(UsageRollupCodec.Encode(Wrap(hour))).Latency);

        var sorted = latencies.Order().ToArray();
        foreach (var q in new[] { 0.5, 0.9, 0.95, 0.99, 0.999 })
        {
            var exact = sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
            var estimate = week.Percentile(q)!.Value;
            Assert.InRange(estimate, exact * 0.95, exact * 1.05);
        }
        Assert.Equal(latencies.Length, week.Count);
    }

    private static UsageRollup Wrap(LatencyHistogram histogram)
    {
        var rollup = new UsageRollup();
        rollup.Latency.Merge(histogram);
        return rollup;
    }
}
