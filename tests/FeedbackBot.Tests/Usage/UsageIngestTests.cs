using System.Net;
using Azure.Data.Tables;
using FeedbackBot.Core.Usage;
using FeedbackBot.Storage;
using FeedbackBot.Tests.Digests;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Usage;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Tests.Usage.UsageKit;

namespace FeedbackBot.Tests.Usage;

public sealed class UsageIngestTests
{
    [Fact]
    public async Task Records_are_counted_exactly_and_bad_lines_are_refused_by_line_with_their_reason()
    {
        await using var bot = await BotApplication.StartAsync();
        var secret = await bot.NewKeyAsync("usage key new kong-prod payments");
        var records = Generate(bot, 300);
        var now = bot.Clock.GetUtcNow();
        var lines = OwnRecordFormat.Ndjson(records);
        var bad = Utf8(string.Join('\n',
            "{\"ts\":\"yesterday\",\"api\":\"payments\",\"consumer\":\"a\",\"status\":200,\"latency_ms\":3}",
            "not json at all",
            $"{{\"ts\":\"{now.AddHours(2):O}\",\"api\":\"payments\",\"consumer\":\"a\",\"status\":200,\"latency_ms\":3}}",
            $"{{\"ts\":{now.AddDays(-9).ToUnixTimeMilliseconds()},\"api\":\"payments\",\"consumer\":\"a\",\"status\":200,\"latency_ms\":3}}",
            "{\"api\":\"payments\",\"status\":700,\"latency_ms\":3}") + "\n");

        var answer = await bot.PostAsync(RecordsPath, [.. lines, .. bad], secret);
        await bot.FoldAsync();

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal((300, 0, 5), (answer.Accepted, answer.Duplicate, answer.Rejected));
        var reasons = answer.Reasons.ToDictionary(r => r.Line, r => r.Reason);
        Assert.Contains("neither RFC 3339", reasons[301]);
        Assert.Contains("not JSON", reasons[302]);
        Assert.Contains("in the future", reasons[303]);
        Assert.Contains("older than the 7-day de-duplication horizon", reasons[304]);
        Assert.Contains("missing \"ts\", \"consumer\"", reasons[305]);
        AssertCounts(Truth(records), (await bot.StoredAsync("payments")).Total());
    }

    [Fact]
    public async Task A_batch_resent_with_the_same_body_the_same_idempotency_key_concurrently_or_after_the_rollup_counts_once()
    {
        await using var bot = await BotApplication.StartAsync();
        var secret = await bot.NewKeyAsync("usage key new gateway");
        var first = Generate(bot, 200, seed: 1);
        var second = Generate(bot, 150, seed: 2);
        var third = Generate(bot, 120, seed: 3);

        var sent = await bot.PostRecordsAsync(first, secret);
        var resent = await bot.PostRecordsAsync(first, secret);
        var keyed = await bot.PostRecordsAsync(second, secret, idempotencyKey: "batch-42");
        var keyedAgain = await bot.PostRecordsAsync(second.Take(10), secret, idempotencyKey: "batch-42");
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => bot.PostRecordsAsync(third, secret)));
        await bot.FoldAsync();
        var afterRollup = await bot.PostRecordsAsync(first, secret);
        await bot.FoldAsync();

        Assert.Equal((200, 0), (sent.Accepted, sent.Duplicate));
        Assert.Equal((0, 200), (resent.Accepted, resent.Duplicate));
        Assert.Equal((150, 0), (keyed.Accepted, keyed.Duplicate));
        Assert.Equal((0, 10), (keyedAgain.Accepted, keyedAgain.Duplicate));
        Assert.All(concurrent, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(120, concurrent.Sum(a => a.Accepted));
        Assert.Equal(4 * 120, concurrent.Sum(a => a.Duplicate));
        Assert.Equal((0, 200), (afterRollup.Accepted, afterRollup.Duplicate));
        AssertCounts(Truth([.. first, .. second, .. third]), (await bot.StoredAsync("payments")).Total());
    }

    [Fact]
    public async Task A_batch_cut_off_after_some_hours_were_stored_is_completed_by_its_retry_without_counting_them_twice()
    {
        await using var bot = await BotApplication.StartAsync();
        var secret = await bot.NewKeyAsync("usage key new gateway");
        var records = Generate(bot, 400, hoursBack: 6);
        var body = OwnRecordFormat.Ndjson(records);
        var key = (await bot.Services.GetRequiredService<IUsageKeyStore>().ListAsync(SlackTenant, default)).Single();
        var batch = UsageBatch.Build(OwnRecordFormat.Parse(body), key, new HashSet<string> { "payments" }, new Dictionary<string, string>(),
            bot.Clock.GetUtcNow(), TimeSpan.FromDays(7), TimeSpan.FromMinutes(5), c => c);
        Assert.True(batch.Deltas.Count >= 4);
        // The process "dies" after storing the first half of the batch's hours, before answering.
        var hours = bot.Services.GetRequiredService<UsageHourStore>();
        var half = batch.Deltas.Take(batch.Deltas.Count / 2).ToList();
        foreach (var delta in half) await hours.WriteAsync(SlackTenant, UsageIngest.BatchId(key, UsageFormat.Records, body, null), delta, default);
        await bot.FoldAsync();

        var retry = await bot.PostAsync(RecordsPath, body, secret);
        await bot.FoldAsync();

        Assert.Equal(half.Sum(d => d.Records), retry.Duplicate);
        Assert.Equal(records.Count - half.Sum(d => d.Records), retry.Accepted);
        AssertCounts(Truth(records), (await bot.StoredAsync("payments")).Total());
    }

    [Fact]
    public async Task Forged_revoked_and_missing_keys_get_401_and_another_tenants_key_never_adds_to_this_tenants_usage()
    {
        await using var bot = await BotApplication.StartAsync();
        var secret = await bot.NewKeyAsync("usage key new kong-prod payments");
        var other = await bot.NewKeyAsync("usage key new other-gw payments");
        var records = Generate(bot, 50);
        var keys = bot.Services.GetRequiredService<IUsageKeyStore>();
        // A key of another workspace: made in that tenant's name, straight in the store (its chat is another Slack workspace).
        var foreignSecret = UsageKey.NewSecret();
        await keys.AddAsync(new UsageKey("slack:T0OTHER", "theirs", [], UsageKey.HashOf(foreignSecret), false, "enduser.id", "someone", bot.Clock.GetUtcNow()), default);

        var none = await bot.PostRecordsAsync(records, null!);
        var forged = await bot.PostRecordsAsync(records, secret[..^4] + "AAAA");
        await bot.SendSlackCommandAsync("usage key revoke other-gw", Infrastructure.SlackRequests.ProductManager, "C0USAGE");
        await bot.Slack.WaitForAsync(r => r.Path.StartsWith("/api/chat.") && r.Body.Contains("is revoked"), "the revoke answer");
        var revoked = await bot.PostRecordsAsync(records, other);
        var foreign = await bot.PostRecordsAsync(records, foreignSecret);
        var mine = await bot.PostAsync(RecordsPath, OwnRecordFormat.Ndjson(records.Take(10)), secret, asApiKeyHeader: true);
        await bot.FoldAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Contains("Authorization: Bearer", none.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.Status);
        Assert.Contains("revoked", revoked.Error);
        Assert.Equal((HttpStatusCode.OK, 50L), (foreign.Status, foreign.Accepted));
        Assert.Equal(10, mine.Accepted);
        Assert.Equal(10, (await bot.StoredAsync("payments")).Total().Calls);
        Assert.Equal(50, (await bot.StoredAsync("payments", "slack:T0OTHER")).Total().Calls + (await bot.StoredAsync("~payments", "slack:T0OTHER")).Total().Calls);
        // Only a hash of each secret is stored.
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(bot.TablePrefix + UsageTables.Keys);
        await foreach (var row in table.QueryAsync<TableEntity>())
            Assert.DoesNotContain(row, v => v.Value is string s && (s.Contains(secret) || s.Contains(other)));
    }

    [Fact]
    public async Task Records_about_an_api_the_key_does_not_cover_are_refused_and_counted_in_usage_status()
    {
        await using var bot = await BotApplication.StartAsync(TestCatalog.WithOrdersApi);
        var secret = await bot.NewKeyAsync("usage key new payments-gw payments");
        var records = Generate(bot, 30).Concat(Generate(bot, 20, api: "orders", seed: 9)).ToList();

        var answer = await bot.PostRecordsAsync(records, secret);
        var status = await bot.SayInSlackAsync("usage status", "C0USAGE");

        Assert.Equal((30L, 20L), (answer.Accepted, answer.Rejected));
        Assert.All(answer.Reasons, r => Assert.Contains("API \"orders\" is not covered by key \"payments-gw\"", r.Reason));
        Assert.Contains("30 accepted", status);
        Assert.Contains("20 rejected (20 API not covered by the key)", status);
    }

    [Fact]
    public async Task Bodies_over_the_size_limits_get_413_and_a_key_above_its_rate_gets_429_with_retry_after()
    {
        await using var bot = await BotApplication.StartAsync(s =>
        {
            s["Usage:MaxBodyBytes"] = "4096";
            s["Usage:MaxDecompressedBytes"] = "65536";
            s["Usage:RequestsPerMinutePerKey"] = "1";
            s["Usage:BurstPerKey"] = "4";
        });
        var secret = await bot.NewKeyAsync("usage key new gateway");
        var big = OwnRecordFormat.Ndjson(Generate(bot, 100));
        var bomb = Utf8(new string(' ', 200_000) + "\n");

        var tooBig = await bot.PostAsync(RecordsPath, big, secret);
        var zipped = await bot.PostAsync(RecordsPath, OwnRecordFormat.Ndjson(Generate(bot, 100)), secret, gzip: true);
        var inflated = await bot.PostAsync(RecordsPath, bomb, secret, gzip: true);
        var fourth = await bot.PostAsync(RecordsPath, OwnRecordFormat.Ndjson(Generate(bot, 2)), secret);
        var fifth = await bot.PostAsync(RecordsPath, OwnRecordFormat.Ndjson(Generate(bot, 2)), secret);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.Status);
        Assert.Contains("at most 4,096", tooBig.Error);
        Assert.Equal((HttpStatusCode.OK, 100L), (zipped.Status, zipped.Accepted));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, inflated.Status);
        Assert.Contains("unzips to over 65,536 bytes", inflated.Error);
        Assert.Equal(HttpStatusCode.OK, fourth.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.Status);
        Assert.True(fifth.Response.Headers.RetryAfter?.Delta?.TotalSeconds >= 1);
        Assert.Contains("retry after", fifth.Error);
    }

    [Fact]
    public async Task A_body_that_is_not_the_format_gets_400_with_the_reason()
    {
        await using var bot = await BotApplication.StartAsync();
        var secret = await bot.NewKeyAsync("usage key new gateway");

        var array = await bot.PostAsync(RecordsPath, Utf8("[{\"ts\": 1,"), secret, "application/json");
        var kong = await bot.PostAsync(KongPath, Utf8("<html>"), secret, "application/json");
        var otlp = await bot.PostAsync(OtlpPath, Utf8("{\"spans\":[]}"), secret, "application/json");
        var empty = await bot.PostAsync(RecordsPath, [], secret);
        var notGzip = await PostFakeGzipAsync(bot, secret);

        Assert.Equal(HttpStatusCode.BadRequest, array.Status);
        Assert.Contains("not one", array.Error);
        Assert.Equal(HttpStatusCode.BadRequest, kong.Status);
        Assert.Equal(HttpStatusCode.BadRequest, otlp.Status);
        Assert.Contains("resourceSpans", otlp.Error);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("empty", empty.Error);
        Assert.Equal(HttpStatusCode.BadRequest, notGzip.Status);
        Assert.Contains("not gzip", notGzip.Error);
    }

    private static async Task<Answer> PostFakeGzipAsync(BotApplication bot, string secret)
    {
        var content = new ByteArrayContent(Utf8("plain text"));
        content.Headers.ContentEncoding.Add("gzip");
        var request = new HttpRequestMessage(HttpMethod.Post, RecordsPath) { Content = content };
        request.Headers.Authorization = new("Bearer", secret);
        var response = await bot.CreateClient().SendAsync(request);
        return new Answer(response.StatusCode, System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject(), response);
    }

    internal static void AssertCounts(UsageCounts expected, UsageCounts actual) =>
        Assert.Equal(expected.ToArray(), actual.ToArray());
}
