using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Usage;
using FeedbackBot.Jobs;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Usage;

/// <summary>Ingest keys made through chat, batches sent through the real endpoints, and the ground truth to compare with.</summary>
public static partial class UsageKit
{
    public const string SlackTenant = "slack:" + SlackRequests.Team;
    public const string RecordsPath = "/api/usage/v1/records";
    public const string KongPath = "/api/usage/v1/kong";
    public const string OtlpPath = "/api/usage/v1/otlp/v1/traces";

    public sealed record Answer(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)
    {
        public long Accepted => (long?)Body["accepted"] ?? -1;
        public long Duplicate => (long?)Body["duplicate"] ?? -1;
        public long Rejected => (long?)Body["rejected"] ?? -1;
        public string Error => (string?)Body["error"] ?? "";

        public IReadOnlyList<(int Line, string Reason)> Reasons =>
            (Body["reasons"] as JsonArray ?? []).Select(r => ((int)r!["line"]!, (string)r["reason"]!)).ToList();
    }

    /// <summary>A product manager types <paramref name="command"/> in a Slack channel; returns the secret the bot sent to their DM.</summary>
    public static async Task<string> NewKeyAsync(this BotApplication bot, string command, string channel = "C0USAGE")
    {
        var seen = bot.Slack.Requests.ToHashSet(ReferenceEqualityComparer.Instance);
        await bot.SendSlackCommandAsync(command, SlackRequests.ProductManager, channel);
        var dm = await bot.Slack.WaitForAsync(r => !seen.Contains(r) && r.Path == "/api/chat.postMessage" && (string?)r.Json!["channel"] == "D" + SlackRequests.ProductManager,
            $"the secret of \"{command}\" in the product manager's DM");
        return SecretPattern().Match(dm.VisibleText()).Value;
    }

    public static async Task<Answer> PostAsync(this BotApplication bot, string path, byte[] body, string? secret,
        string contentType = "application/x-ndjson", bool gzip = false, string? idempotencyKey = null, bool asApiKeyHeader = false)
    {
        var content = new ByteArrayContent(gzip ? Gzip(body) : body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (gzip) content.Headers.ContentEncoding.Add("gzip");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (secret is not null)
        {
            if (asApiKeyHeader) request.Headers.Add("X-Api-Key", secret);
            else request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await bot.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text) as JsonObject ?? [], response);
    }

    public static Task<Answer> PostRecordsAsync(this BotApplication bot, IEnumerable<UsageRecord> records, string secret, string? idempotencyKey = null) =>
        bot.PostAsync(RecordsPath, OwnRecordFormat.Ndjson(records), secret, idempotencyKey: idempotencyKey);

    /// <summary>One fold pass, as the recurring job runs it.</summary>
    public static Task<int> FoldAsync(this BotApplication bot) => bot.Services.GetRequiredService<UsageRollupJob>().RunAsync(default);

    /// <summary>What the rollups hold for an API over the last <paramref name="days"/> days (day documents only).</summary>
    public static async Task<UsageRollup> StoredAsync(this BotApplication bot, string apiId, string tenant = SlackTenant, int days = 8)
    {
        var today = DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime);
        var sum = new UsageRollup();
        foreach (var day in await bot.Services.GetRequiredService<IUsageRollups>().DaysAsync(tenant, apiId, today.AddDays(-days), today, default))
            sum.Merge(day.Rollup);
        return sum;
    }

    /// <summary>Records from a fixed seed: <paramref name="count"/> calls over the last hours, several consumers, routes and outcomes.</summary>
    public static List<UsageRecord> Generate(BotApplication bot, int count, string api = "payments", int seed = 7, int consumers = 12, double hoursBack = 5)
    {
        var random = new Random(seed);
        var now = bot.Clock.GetUtcNow();
        string[] routes = ["/payments/{id}", "/payments", "/refunds"];
        string[] methods = ["GET", "POST", "POST"];
        int[] statuses = [200, 200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 429, 500, 503];
        return Enumerable.Range(0, count).Select(i =>
        {
            var route = random.Next(routes.Length);
            return new UsageRecord(now.AddMinutes(-random.NextDouble() * hoursBack * 60), api, $"consumer-{random.Next(consumers):00}",
                statuses[random.Next(statuses.Length)], Math.Round(5 + random.NextDouble() * random.NextDouble() * 900, 2),
                routes[route], methods[route], random.Next(100, 2000), random.Next(100, 20000));
        }).ToList();
    }

    /// <summary>The counts the test computes itself from what it sent.</summary>
    public static UsageCounts Truth(IEnumerable<UsageRecord> records)
    {
        var counts = new UsageCounts();
        foreach (var r in records) counts.Add(r.Status, r.BytesIn, r.BytesOut);
        return counts;
    }

    public static byte[] Gzip(byte[] body)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(body);
        return buffer.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [GeneratedRegex("fbu_[A-Za-z0-9_-]{20,}")]
    private static partial Regex SecretPattern();
}
