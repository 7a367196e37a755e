using System.Text.Json.Nodes;
using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Jobs;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Digests;

/// <summary>Subscribing channels, seeding a week of road map news, and reading the digests the fakes received.</summary>
public static class DigestKit
{
    public const string TeamsTenant = "teams:" + BotApplication.TenantId;
    public const string SlackTenant = "slack:" + SlackRequests.Team;

    public static string TeamsChannel(int n) => $"19:digest-{n}@thread.tacv2";

    public static string SlackChannel(int n) => $"C0DIGEST{n}";

    public static JsonObject InTeamsChannel(BotApplication bot, string text, string channel, string fromAad = BotApplication.ProductManagerAad)
    {
        var activity = TeamsActivities.Message(bot, text, fromAad);
        activity["conversation"] = new JsonObject { ["id"] = channel + ";messageid=1", ["conversationType"] = "channel", ["tenantId"] = BotApplication.TenantId };
        activity["channelData"]!["channel"] = new JsonObject { ["id"] = channel };
        activity["channelData"]!["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" };
        return activity;
    }

    /// <summary>Says <paramref name="text"/> in a Teams channel and returns the bot's answer there.</summary>
    public static async Task<string> SayInTeamsAsync(this BotApplication bot, string text, string channel, string fromAad = BotApplication.ProductManagerAad) =>
        (await bot.SayInTeamsAsync(InTeamsChannel(bot, text, channel, fromAad), r => r.Method == "POST", $"the answer to \"{text}\"")).Body;

    /// <summary>Says <paramref name="text"/> in a Slack channel and returns what a reader sees of the bot's answer there.</summary>
    public static async Task<string> SayInSlackAsync(this BotApplication bot, string text, string channel, string user = SlackRequests.ProductManager) =>
        (await bot.SayInSlackAsync(text, user, channel, r => r.Path.StartsWith("/api/chat."), $"the answer to \"{text}\"")).VisibleText();

    public static DigestPeriod LastWeek(BotApplication bot) => DigestPeriod.LastWeek(bot.Clock.GetUtcNow(), TimeZoneInfo.Utc);

    /// <summary>An item of <paramref name="apiId"/> that shipped in the middle of last week.</summary>
    public static async Task<RoadmapItem> ShipLastWeekAsync(this BotApplication bot, string tenantKey, string title = "Refunds in one call", string apiId = "payments")
    {
        var store = bot.Services.GetRequiredService<IRoadmapStore>();
        var at = LastWeek(bot).Start.AddDays(2);
        var item = new RoadmapItem(tenantKey, apiId, await store.NextItemIdAsync(tenantKey, default), title, "One call refunds any payment.",
            RoadmapStatus.Shipped, "2026-Q4", [], 3, 1, at.AddDays(-30), at, "Live in 2.4", []);
        await store.AddAsync(item, default);
        return item;
    }

    public static IReadOnlyList<RecordedRequest> TeamsDigests(this BotApplication bot, string channel) =>
        bot.Teams.Sent.Where(r => r.Succeeded && r.Path.Contains($"/{channel}/") && r.Body.Contains("Road map digest")).ToList();

    public static IReadOnlyList<RecordedRequest> SlackDigests(this BotApplication bot, string channel) =>
        bot.Slack.Calls("chat.postMessage").Where(r => r.Succeeded && (string?)r.Json!["channel"] == channel && r.VisibleText().Contains("Road map digest")).ToList();

    public static Task<DigestOutcome> SendAsync(this BotApplication bot, string tenantKey, string channel, DigestPeriod period) =>
        bot.Services.GetRequiredService<WeeklyDigestJob>().SendAsync(tenantKey, channel, period.Id, period.Start, period.End, default);

    /// <summary>Runs the parent through Hangfire's client and waits until Hangfire has no job left to run.</summary>
    public static async Task RunDigestJobAsync(this BotApplication bot, TimeSpan? timeout = null)
    {
        var storage = bot.Services.GetRequiredService<JobStorage>();
        var before = storage.GetMonitoringApi().SucceededListCount();
        var enqueued = await bot.Services.GetRequiredService<WeeklyDigestJob>().RunAsync(default);
        await Eventually.WaitUntilAsync(() =>
        {
            var monitoring = storage.GetMonitoringApi();
            return monitoring.SucceededListCount() >= before + enqueued && monitoring.ProcessingCount() == 0;
        }, $"{enqueued} digest children to finish", timeout);
    }
}
