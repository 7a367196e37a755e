using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Usage;
using FeedbackBot.Jobs;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Tests.Digests.DigestKit;
using static FeedbackBot.Tests.Usage.UsageKit;

namespace FeedbackBot.Tests.Usage;

public sealed class UsageDigestTests
{
    private const string TeamsTenant = "teams:" + BotApplication.TenantId;

    /// <summary>Two weeks of traffic: acme both weeks, globex only the week before (gone quiet), umbrella new and fine, hooli new and only 401s.</summary>
    private static List<UsageRecord> TwoWeeks(DigestPeriod week, int seed)
    {
        var random = new Random(seed);
        var records = new List<UsageRecord>();
        void Add(DateTimeOffset from, string consumer, int count, Func<int, int> status, string route = "/payments/{id}", string method = "GET")
        {
            for (var i = 0; i < count; i++)
                records.Add(new UsageRecord(from.AddMinutes(random.Next(0, 6 * 24 * 60)), "payments", consumer, status(i),
                    Math.Round(20 + random.NextDouble() * random.NextDouble() * 600, 1), route, method, 200, 1500));
        }
        var before = week.Start.AddDays(-7);
        Add(before, "acme", 240, i => i % 20 == 0 ? 500 : 200);
        Add(before, "globex", 60, _ => 200, "/refunds", "POST");
        Add(week.Start, "acme", 300, i => i % 10 == 0 ? 503 : i % 15 == 0 ? 429 : 200, "/payments", "POST");
        Add(week.Start, "umbrella", 80, i => i < 5 ? 401 : 200);
        Add(week.Start.AddDays(1), "hooli", 37, _ => 401);
        return records;
    }

    private static async Task<BotApplication> StartAsync(Action<Dictionary<string, string?>>? more = null) =>
        await BotApplication.StartAsync(s =>
        {
            // Last week's records are up to 14 days old: the horizon is widened so the test can send them today.
            s["Usage:DeduplicationDays"] = "30";
            more?.Invoke(s);
        });

    [Fact]
    public async Task The_usage_digest_posts_figures_that_match_what_was_sent_once_per_channel_on_teams_and_slack()
    {
        await using var bot = await StartAsync();
        var week = LastWeek(bot);
        var records = TwoWeeks(week, seed: 5);
        var secret = await bot.NewKeyAsync("usage key new kong-prod payments");
        foreach (var chunk in records.Chunk(200)) Assert.Equal(HttpStatusCode.OK, (await bot.PostRecordsAsync(chunk, secret)).Status);
        await bot.FoldAsync();
        Assert.Contains("usage digest of Payments API", await bot.SayInTeamsAsync("digest here usage payments", TeamsChannel(1)));
        Assert.Contains("usage digest of Payments API", await bot.SayInSlackAsync("digest here usage payments", SlackChannel(1)));
        // The Teams channel's tenant gets the same traffic through its own key, made in the store (its chat is Teams).
        var teamsSecret = UsageKey.NewSecret();
        await bot.Services.GetRequiredService<IUsageKeyStore>().AddAsync(new UsageKey(TeamsTenant, "apim", [], UsageKey.HashOf(teamsSecret), false, "enduser.id", "pm", bot.Clock.GetUtcNow()), default);
        foreach (var chunk in records.Chunk(500)) await bot.PostRecordsAsync(chunk, teamsSecret);
        await bot.FoldAsync();

        await bot.RunUsageDigestAsync();
        await bot.RunUsageDigestAsync();

        var teams = Assert.Single(bot.Teams.Sent, r => r.Succeeded && r.Path.Contains($"/{TeamsChannel(1)}/") && r.Body.Contains("Usage digest"));
        var slack = Assert.Single(bot.Slack.Calls("chat.postMessage"), r => r.Succeeded && (string?)r.Json!["channel"] == SlackChannel(1) && r.VisibleText().Contains("Usage digest"));
        var thisWeek = records.Where(r => r.Timestamp >= week.Start).ToList();
        var weekBefore = records.Where(r => r.Timestamp < week.Start).ToList();
        foreach (var text in new[] { System.Text.Json.Nodes.JsonNode.Parse(teams.Body)!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), slack.VisibleText() })
            AssertFigures(text, thisWeek, weekBefore);
    }

    private static void AssertFigures(string card, List<UsageRecord> week, List<UsageRecord> before)
    {
        var truth = Truth(week);
        Assert.Contains($"{truth.Calls.ToString("N0", CultureInfo.InvariantCulture)} calls", card);
        var change = (truth.Calls - before.Count) * 100.0 / before.Count;
        Assert.Contains($"+{change.ToString("0", CultureInfo.InvariantCulture)}% vs {before.Count.ToString("N0", CultureInfo.InvariantCulture)}", card);
        Assert.Contains(UsageText.Percent((double)(truth.Calls - truth.Errors) / truth.Calls) + " success", card);
        Assert.Contains($"429 ×{truth.TooManyRequests}", card);
        Assert.Contains($"401 ×{truth.Unauthorized}", card);
        Assert.Contains("auth trouble, hitting limits", card);
        Assert.Contains($"most on POST /payments ({truth.ServerErrors})", card);
        Assert.Contains("3 active · 2 new · 0 returning · 1 gone quiet · 0 churned", card);
        Assert.Contains("hooli: 37 calls, all 401", card);
        Assert.Contains("umbrella: first success", card);
        var sorted = week.Select(r => r.LatencyMs).Order().ToArray();
        foreach (var (label, q) in new[] { ("p50", 0.5), ("p95", 0.95), ("p99", 0.99) })
        {
            var shown = double.Parse(Regex.Match(card, label + @" (\d+(\.\d)?) ms").Groups[1].Value, CultureInfo.InvariantCulture);
            var exact = sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
            // Within 5% of the exact value, plus the half millisecond the card rounds to.
            Assert.InRange(shown, exact * 0.95 - 0.5, exact * 1.05 + 0.5);
        }
    }

    [Fact]
    public async Task Usage_api_shows_the_week_so_far_here_only_with_a_signed_chart_when_the_bot_has_a_public_address()
    {
        await using var bot = await StartAsync(s => s["Surveys:PublicBaseUrl"] = "https://feedbackbot.example.com");
        var secret = await bot.NewKeyAsync("usage key new gateway");
        var records = Generate(bot, 250, hoursBack: 1);
        await bot.PostRecordsAsync(records, secret);
        await bot.FoldAsync();

        var seen = bot.Slack.Requests.ToHashSet(ReferenceEqualityComparer.Instance);
        await bot.SendSlackCommandAsync("usage payments", SlackRequests.ProductManager, "C0USAGE");
        var answer = await bot.Slack.WaitForAsync(r => !seen.Contains(r) && r.Path.StartsWith("/api/chat.") && r.VisibleText().Contains("Usage so far"), "the usage card");
        var refused = await bot.SayInSlackAsync("usage payments", "C0USAGE", SlackRequests.Consumer);

        Assert.Contains($"{records.Count} calls", answer.VisibleText());
        var image = answer.Blocks().OfType<System.Text.Json.Nodes.JsonObject>().Single(b => (string?)b["type"] == "image");
        var url = new Uri((string)image["image_url"]!);
        Assert.Equal("feedbackbot.example.com", url.Host);
        var chart = await bot.CreateClient().GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/png", chart.Content.Headers.ContentType?.MediaType);
        var forged = await bot.CreateClient().GetAsync(url.PathAndQuery.Replace("api=payments", "api=orders"));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Contains("Only product managers and the owners of Payments API", refused);
    }

    [Fact]
    public async Task Without_a_public_address_the_card_draws_the_days_as_text()
    {
        await using var bot = await StartAsync();
        var secret = await bot.NewKeyAsync("usage key new gateway");
        await bot.PostRecordsAsync(Generate(bot, 40, hoursBack: 1), secret);
        await bot.FoldAsync();

        var text = await bot.SayInSlackAsync("usage payments", "C0USAGE");

        Assert.Contains("▇", text);
        Assert.Contains("40", text);
    }
}

public static class UsageDigestKit
{
    /// <summary>Runs the usage digest's parent job and waits until Hangfire ran every child it enqueued.</summary>
    public static async Task RunUsageDigestAsync(this BotApplication bot)
    {
        var storage = bot.Services.GetRequiredService<JobStorage>();
        var before = storage.GetMonitoringApi().SucceededListCount();
        var enqueued = await bot.Services.GetRequiredService<UsageDigestJob>().RunAsync(default);
        await Eventually.WaitUntilAsync(() =>
        {
            var monitoring = storage.GetMonitoringApi();
            return monitoring.SucceededListCount() >= before + enqueued && monitoring.ProcessingCount() == 0;
        }, $"{enqueued} usage digest children to finish");
    }
}
