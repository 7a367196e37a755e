using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Usage;
using FeedbackBot.Tests.Digests;
using FeedbackBot.Tests.Infrastructure;
using static FeedbackBot.Tests.Usage.UsageKit;

namespace FeedbackBot.Tests.Usage;

public sealed class UsageFormatTests
{
    /// <summary>An entry as Kong's http-log plugin posts it (Kong 3.x docs), with the parts FeedbackBot must not keep.</summary>
    private static JsonObject KongEntry(DateTimeOffset at, string service, string consumer, string uri, int status, double latency) => new()
    {
        ["request"] = new JsonObject
        {
            ["method"] = "POST", ["uri"] = uri, ["url"] = $"https://api.example.com:8443{uri}", ["size"] = 1024,
            ["querystring"] = new JsonObject(), ["headers"] = new JsonObject { ["authorization"] = "REDACTED", ["x-api-key"] = "sk_live_secret" },
        },
        ["upstream_uri"] = uri,
        ["response"] = new JsonObject { ["status"] = status, ["size"] = 812, ["headers"] = new JsonObject { ["content-type"] = "application/json" } },
        ["tries"] = new JsonArray(new JsonObject { ["balancer_latency"] = 0, ["port"] = 8080, ["ip"] = "10.0.0.12" }),
        ["client_ip"] = "203.0.113.7",
        ["started_at"] = at.ToUnixTimeMilliseconds(),
        ["latencies"] = new JsonObject { ["proxy"] = latency - 2, ["kong"] = 2, ["request"] = latency },
        ["service"] = new JsonObject { ["id"] = "0ba8f2a5-7a2f-4d5e-9d1a-6c4f3f1b9b11", ["name"] = service, ["host"] = "payments.internal", ["port"] = 8080, ["protocol"] = "http" },
        ["route"] = new JsonObject { ["id"] = "7a9b", ["name"] = "payments-create", ["paths"] = new JsonArray("/payments") },
        ["consumer"] = new JsonObject { ["id"] = "e1a0c3", ["username"] = consumer },
    };

    [Fact]
    public async Task Kong_http_log_payloads_single_and_batched_count_under_the_mapped_api_and_unmapped_ids_are_kept_apart()
    {
        await using var bot = await BotApplication.StartAsync();
        var secret = await bot.NewKeyAsync("usage key new kong-prod");
        var now = bot.Clock.GetUtcNow().AddMinutes(-20);

        var before = await bot.PostAsync(KongPath, Utf8(KongEntry(now, "payments-svc", "acme", "/payments/8812?expand=1", 201, 84).ToJsonString()), secret, "application/json");
        var status = await bot.SayInSlackAsync("usage status", "C0USAGE");
        var mapped = await bot.SayInSlackAsync("usage map payments-svc payments", "C0USAGE");
        var batch = new JsonArray(
            KongEntry(now, "payments-svc", "acme", "/payments/8812", 201, 90),
            KongEntry(now.AddSeconds(3), "payments-svc", "globex", "/payments/9931", 500, 1200),
            KongEntry(now.AddSeconds(4), "payments-svc", "globex", "/payments/ord-20261130-77/capture", 401, 4));
        var after = await bot.PostAsync(KongPath, Utf8(batch.ToJsonString()), secret, "application/json");
        await bot.FoldAsync();

        Assert.Equal((HttpStatusCode.OK, 1L), (before.Status, (long?)before.Body["unmapped"] ?? 0));
        Assert.Contains("payments-svc", status);
        Assert.Contains("Payments API", mapped);
        Assert.Equal(3, after.Accepted);
        var stored = await bot.StoredAsync("payments");
        Assert.Equal((3L, 1L, 1L, 1L), (stored.Total().Calls, stored.Total().Ok, stored.Total().ServerErrors, stored.Total().Unauthorized));
        Assert.Equal(["POST /payments/{id}", "POST /payments/{id}/capture"], stored.ByRoute().Keys.Order());
        Assert.Equal(["acme", "globex"], stored.ByConsumer().Keys.Order());
        Assert.Equal(1, (await bot.StoredAsync("~payments-svc")).Total().Calls);
    }

    private static JsonObject Attribute(string key, object value) => new()
    {
        ["key"] = key,
        ["value"] = value switch
        {
            int i => new JsonObject { ["intValue"] = i.ToString() },
            _ => new JsonObject { ["stringValue"] = value.ToString() },
        },
    };

    private static JsonObject Span(DateTimeOffset start, double ms, int kind, params JsonObject[] attributes) => new()
    {
        ["traceId"] = Guid.NewGuid().ToString("N"), ["spanId"] = Guid.NewGuid().ToString("N")[..16], ["name"] = "POST /payments",
        ["kind"] = kind,
        ["startTimeUnixNano"] = (start.ToUnixTimeMilliseconds() * 1_000_000L).ToString(),
        ["endTimeUnixNano"] = (start.ToUnixTimeMilliseconds() * 1_000_000L + (long)(ms * 1_000_000)).ToString(),
        ["attributes"] = new JsonArray(attributes),
        ["status"] = new JsonObject(),
    };

    [Fact]
    public async Task Otlp_json_server_spans_become_records_with_old_and_new_http_attribute_names_and_the_keys_consumer_attribute()
    {
        await using var bot = await BotApplication.StartAsync();
        var secret = await bot.NewKeyAsync("usage key new otel-collector payments --consumer-attribute app.consumer");
        var at = bot.Clock.GetUtcNow().AddMinutes(-30);
        var export = new JsonObject
        {
            ["resourceSpans"] = new JsonArray(new JsonObject
            {
                ["resource"] = new JsonObject { ["attributes"] = new JsonArray(Attribute("service.name", "payments"), Attribute("host.name", "pod-7")) },
                ["scopeSpans"] = new JsonArray(new JsonObject
                {
                    ["scope"] = new JsonObject { ["name"] = "io.opentelemetry.aspnetcore" },
                    ["spans"] = new JsonArray(
                        Span(at, 42.5, 2, Attribute("http.request.method", "GET"), Attribute("http.route", "/payments/{id}"),
                            Attribute("http.response.status_code", 200), Attribute("app.consumer", "acme"), Attribute("client.address", "198.51.100.4")),
                        Span(at.AddSeconds(1), 310, 2, Attribute("http.method", "POST"), Attribute("http.target", "/refunds/55?x=1"),
                            Attribute("http.status_code", 503), Attribute("app.consumer", "globex")),
                        Span(at.AddSeconds(2), 5, 3, Attribute("http.method", "GET"), Attribute("http.status_code", 200)),
                        Span(at.AddSeconds(3), 12, 2, Attribute("http.request.method", "GET"), Attribute("app.consumer", "acme"))),
                }),
            }),
        };

        var answer = await bot.PostAsync(OtlpPath, Utf8(export.ToJsonString()), secret, "application/json", gzip: true);
        await bot.FoldAsync();

        Assert.Equal((2L, 1L), (answer.Accepted, answer.Rejected));
        Assert.Contains("no HTTP status", Assert.Single(answer.Reasons).Reason);
        var stored = await bot.StoredAsync("payments");
        Assert.Equal(["GET /payments/{id}", "POST /refunds/{id}"], stored.ByRoute().Keys.Order());
        Assert.Equal(["acme", "globex"], stored.ByConsumer().Keys.Order());
        Assert.Equal(1, stored.Total().ServerErrors);
        Assert.InRange(stored.RouteLatency["POST /refunds/{id}"].Percentile(0.5)!.Value, 310 * 0.95, 310 * 1.05);
    }

    [Fact]
    public async Task A_key_made_with_hash_consumers_stores_consumer_ids_as_a_keyed_hash_showing_the_last_4_characters()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Usage:ConsumerHashKey"] = "a-long-random-test-hash-key-0123456789");
        var secret = await bot.NewKeyAsync("usage key new kong-prod payments --hash-consumers");
        var at = bot.Clock.GetUtcNow().AddMinutes(-5);
        var records = new[] { "sk_live_51HxAbCdEf9a2f", "sk_live_51HxAbCdEf9a2f", "sk_live_77ZyXwVuTs0b1c" }
            .Select(c => new UsageRecord(at, "payments", c, 200, 12)).ToList();

        await bot.PostRecordsAsync(records, secret);
        await bot.FoldAsync();

        var consumers = (await bot.StoredAsync("payments")).ByConsumer();
        Assert.Equal(2, consumers.Count);
        Assert.All(consumers.Keys, c => Assert.DoesNotContain("sk_live", c));
        Assert.Equal(2, consumers.Single(c => c.Key.StartsWith("…9a2f#", StringComparison.Ordinal)).Value.Calls);
        Assert.Equal("…0b1c", UsageText.Consumer(consumers.Keys.Single(c => c.Contains("0b1c"))));
    }
}
