using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Usage;
using FeedbackBot.Jobs;
using FeedbackBot.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Benchmarks;

/// <summary>
/// Usage ingest at scale: N records of 5 APIs and 1,000 consumers over last week, in batches of 1,000 through the real
/// endpoint (8 senders at once), every batch sent a second time; then the fold, exactness against ground truth, the weekly
/// digest's build time and day rows read for a tenant with 10,000 records and one with N; Kong and OTLP throughput on
/// samples; chat acknowledgements (Slack commands, Teams messages) timed while ingest runs. Exits 1 when totals differ,
/// a resend was counted or the digest reads differ.
/// <code>dotnet run -c Release --project tests/FeedbackBot.Benchmarks -- --usage-records 1000000</code>
/// </summary>
public static partial class Program
{
    private const int UsageBatch = 1_000;
    private const int Senders = 8;
    private static readonly string[] UsageApis = ["payments", "orders", "accounts", "shipping", "catalog"];

    private static async Task<int> RunUsageAsync(Options options, int records)
    {
        await using var bot = await StartAsync(options, s =>
        {
            for (var i = 1; i < UsageApis.Length; i++)
            {
                s[$"Catalog:Apis:{i}:Id"] = UsageApis[i];
                s[$"Catalog:Apis:{i}:Name"] = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(UsageApis[i]) + " API";
                s[$"Catalog:Apis:{i}:Pitch"] = "A benchmark API.";
            }
            s["Usage:DeduplicationDays"] = "30";
            s["Usage:RequestsPerMinutePerKey"] = "1000000";
            s["Usage:BurstPerKey"] = "100000";
            s["Usage:RollupCron"] = Cron.Never();
        });
        var week = DigestPeriod.LastWeek(bot.Clock.GetUtcNow(), TimeZoneInfo.Utc);
        var ok = true;

        var small = await IngestAsync(bot, "slack:TSMALL", Records(10_000, week, seed: 1), UsageFormat.Own, chat: false);
        Console.Error.WriteLine($"Sending {records:N0} records in batches of {UsageBatch:N0}, each twice ...");
        var large = await IngestAsync(bot, "slack:TLARGE", Records(records, week, seed: 2), UsageFormat.Own, chat: true);
        var kong = await IngestAsync(bot, "slack:TKONG", Records(Math.Min(records, 50_000), week, seed: 3), UsageFormat.Kong, chat: false);
        var otlp = await IngestAsync(bot, "slack:TOTLP", Records(Math.Min(records, 50_000), week, seed: 4), UsageFormat.Otlp, chat: false);

        foreach (var (name, run) in new[] { ("own NDJSON", large), ("Kong http-log", kong), ("OTLP JSON", otlp) })
        {
            Line($"Records/s, {name}", run.RecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture), $"{run.Records:N0} records, first sends");
            Line($"Batch ack p50 / p99 (ms), {name}", $"{run.AckP50:0} / {run.AckP99:0}", $"{Senders} senders at once");
            ok &= run.Exact && run.ResentCounted == 0;
            Line($"Exact totals, {name}", run.Exact ? "equal" : "DIFFERENT", $"{run.ResentCounted} records of resent batches counted again");
        }
        Line("Time until visible after the last ack (s)", large.VisibleAfter.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
            "one fold pass over every pending hour; the job runs every minute, so under 2 minutes");
        if (large.ChatAcks.Count > 0)
        {
            Line("Chat ack p99 during ingest (ms), Slack", Percentile(large.ChatAcks["slack"], 0.99).ToString("0", CultureInfo.InvariantCulture), $"{large.ChatAcks["slack"].Count} slash commands");
            Line("Chat ack p99 during ingest (ms), Teams", Percentile(large.ChatAcks["teams"], 0.99).ToString("0", CultureInfo.InvariantCulture), $"{large.ChatAcks["teams"].Count} messages");
        }

        var composer = bot.Services.GetRequiredService<UsageDigestComposer>();
        var rollups = bot.Services.GetRequiredService<IUsageRollups>();
        var digests = new List<long>();
        foreach (var (tenant, count) in new[] { ("slack:TSMALL", 10_000), ("slack:TLARGE", records) })
        {
            var readsBefore = rollups.Reads;
            var clock = Stopwatch.StartNew();
            var card = await composer.ComposeAsync(tenant, [DigestSubscription.AllApis], week, soFar: false, default);
            var reads = rollups.Reads - readsBefore;
            digests.Add(reads);
            Line($"Weekly digest for {count:N0} records", $"{clock.Elapsed.TotalMilliseconds:0} ms, {reads} day rows read", card is null ? "no card" : card.Summary);
        }
        ok &= digests.Distinct().Count() == 1;
        return ok ? 0 : 1;
    }

    private enum UsageFormat { Own, Kong, Otlp }

    private sealed record IngestRun(int Records, double RecordsPerSecond, double AckP50, double AckP99, bool Exact, long ResentCounted, TimeSpan VisibleAfter,
        Dictionary<string, List<double>> ChatAcks);

    /// <summary>Records in time order over the week, as gateways send them: a batch holds the requests of a few minutes.</summary>
    private static List<UsageRecord> Records(int count, DigestPeriod week, int seed)
    {
        var random = new Random(seed);
        var span = (week.End - week.Start).TotalMilliseconds;
        int[] statuses = [200, 200, 200, 200, 200, 200, 201, 204, 304, 400, 401, 404, 429, 500];
        string[] routes = ["/payments/{id}", "/payments", "/refunds/{id}", "/customers/{id}"];
        return Enumerable.Range(0, count).Select(i => new UsageRecord(
            week.Start.AddMilliseconds(span * i / count), UsageApis[random.Next(UsageApis.Length)], $"consumer-{random.Next(1000):0000}",
            statuses[random.Next(statuses.Length)], 5 + random.NextDouble() * random.NextDouble() * 800, routes[random.Next(routes.Length)],
            i % 3 == 0 ? "POST" : "GET", random.Next(50, 4000), random.Next(100, 40000))).ToList();
    }

    private static async Task<IngestRun> IngestAsync(BotApplication bot, string tenant, List<UsageRecord> records, UsageFormat format, bool chat)
    {
        var secret = UsageKey.NewSecret();
        await bot.Services.GetRequiredService<IUsageKeyStore>().AddAsync(
            new UsageKey(tenant, "bench", [], UsageKey.HashOf(secret), false, "enduser.id", "benchmark", bot.Clock.GetUtcNow()), default);
        var bodies = records.Chunk(UsageBatch).Select(b => Body(b, format)).ToList();
        var path = format switch { UsageFormat.Kong => "/api/usage/v1/kong", UsageFormat.Otlp => "/api/usage/v1/otlp/v1/traces", _ => "/api/usage/v1/records" };
        var client = bot.CreateClient();

        using var stop = new CancellationTokenSource();
        var chatAcks = new Dictionary<string, List<double>> { ["slack"] = [], ["teams"] = [] };
        var chatting = chat ? ChatAsync(bot, chatAcks, stop.Token) : Task.CompletedTask;
        var acks = new ConcurrentBag<double>();
        long accepted = 0, counted = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (body, token) =>
        {
            var (ms, answer) = await SendAsync(client, path, body, secret);
            acks.Add(ms);
            Interlocked.Add(ref accepted, (long?)answer["accepted"] ?? 0);
        });
        var first = clock.Elapsed;
        await stop.CancelAsync();
        await chatting;
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (body, token) =>
            Interlocked.Add(ref counted, (long?)(await SendAsync(client, path, body, secret)).Answer["accepted"] ?? 0));

        var folding = Stopwatch.StartNew();
        await bot.Services.GetRequiredService<UsageRollupJob>().RunAsync(default);
        var visible = folding.Elapsed;
        var exact = accepted == records.Count;
        var rollups = bot.Services.GetRequiredService<IUsageRollups>();
        var firstDay = DateOnly.FromDateTime(records[0].Timestamp.UtcDateTime);
        var lastDay = DateOnly.FromDateTime(records[^1].Timestamp.UtcDateTime);
        foreach (var api in UsageApis)
        {
            var stored = new UsageRollup();
            foreach (var day in await rollups.DaysAsync(tenant, api, firstDay, lastDay, default)) stored.Merge(day.Rollup);
            var truth = new UsageCounts();
            foreach (var r in records.Where(r => r.Api == api)) truth.Add(r.Status, format == UsageFormat.Own ? r.BytesIn : r.BytesIn, r.BytesOut);
            exact &= stored.Total().ToArray().SequenceEqual(truth.ToArray());
        }
        var sorted = acks.Order().ToList();
        return new IngestRun(records.Count, records.Count / first.TotalSeconds, Percentile(sorted, 0.5), Percentile(sorted, 0.99), exact, counted, visible, chatAcks);
    }

    private static async Task<(double Ms, JsonObject Answer)> SendAsync(HttpClient client, string path, byte[] body, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var ms = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {text}");
        return (ms, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>A Slack slash command and a Teams message every 100 ms while ingest runs; the time until each HTTP answer.</summary>
    private static async Task ChatAsync(BotApplication bot, Dictionary<string, List<double>> acks, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            using (await bot.SendSlackCommandAsync("help")) acks["slack"].Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            using (await bot.SendTeamsAsync(TeamsActivities.Message(bot, "help"))) acks["teams"].Add(clock.Elapsed.TotalMilliseconds);
            try { await Task.Delay(100, stop); } catch (OperationCanceledException) { }
        }
    }

    private static double Percentile(List<double> sorted, double q)
    {
        if (sorted.Count == 0) return 0;
        var ordered = sorted.Order().ToList();
        return ordered[Math.Max(0, (int)Math.Ceiling(q * ordered.Count) - 1)];
    }

    private static byte[] Body(UsageRecord[] batch, UsageFormat format) => format switch
    {
        UsageFormat.Kong => System.Text.Encoding.UTF8.GetBytes(new JsonArray(batch.Select(Kong).ToArray<JsonNode?>()).ToJsonString()),
        UsageFormat.Otlp => System.Text.Encoding.UTF8.GetBytes(Otlp(batch).ToJsonString()),
        _ => OwnRecordFormat.Ndjson(batch),
    };

    private static JsonObject Kong(UsageRecord r) => new()
    {
        ["request"] = new JsonObject { ["method"] = r.Method, ["uri"] = r.Route.Replace("{id}", "4711"), ["size"] = r.BytesIn, ["headers"] = new JsonObject() },
        ["response"] = new JsonObject { ["status"] = r.Status, ["size"] = r.BytesOut },
        ["latencies"] = new JsonObject { ["request"] = r.LatencyMs, ["kong"] = 1, ["proxy"] = r.LatencyMs - 1 },
        ["started_at"] = r.Timestamp.ToUnixTimeMilliseconds(),
        ["service"] = new JsonObject { ["name"] = r.Api }, ["consumer"] = new JsonObject { ["username"] = r.Consumer },
        ["client_ip"] = "203.0.113.9",
    };

    private static JsonObject Otlp(UsageRecord[] batch) => new()
    {
        ["resourceSpans"] = new JsonArray(batch.GroupBy(r => r.Api).Select(api => (JsonNode)new JsonObject
        {
            ["resource"] = new JsonObject { ["attributes"] = new JsonArray(Attribute("service.name", api.Key)) },
            ["scopeSpans"] = new JsonArray(new JsonObject
            {
                ["spans"] = new JsonArray(api.Select(r => (JsonNode)new JsonObject
                {
                    ["kind"] = 2,
                    ["startTimeUnixNano"] = (r.Timestamp.ToUnixTimeMilliseconds() * 1_000_000L).ToString(CultureInfo.InvariantCulture),
                    ["endTimeUnixNano"] = (r.Timestamp.ToUnixTimeMilliseconds() * 1_000_000L + (long)(r.LatencyMs * 1_000_000)).ToString(CultureInfo.InvariantCulture),
                    ["attributes"] = new JsonArray(Attribute("http.request.method", r.Method), Attribute("http.route", r.Route),
                        Attribute("http.response.status_code", r.Status.ToString(CultureInfo.InvariantCulture)), Attribute("enduser.id", r.Consumer),
                        Attribute("http.request.body.size", r.BytesIn.ToString(CultureInfo.InvariantCulture)),
                        Attribute("http.response.body.size", r.BytesOut.ToString(CultureInfo.InvariantCulture))),
                }).ToArray()),
            }),
        }).ToArray()),
    };

    private static JsonObject Attribute(string key, string value) => new() { ["key"] = key, ["value"] = new JsonObject { ["stringValue"] = value } };
}
