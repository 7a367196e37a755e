using FeedbackBot.Core.Usage;
using FeedbackBot.Tests.Digests;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;
using static FeedbackBot.Tests.Usage.UsageKit;

namespace FeedbackBot.Tests.Usage;

public sealed class UsageBesideVoiceTests
{
    private const string TriageChannel = "C0TRIAGE";

    [Fact]
    public async Task The_triage_card_shows_the_linked_reporters_usage_and_nothing_for_a_reporter_nobody_linked()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SendSlackCommandAsync("triage here payments", SlackRequests.ProductManager, TriageChannel);
        await bot.WaitForMessageAsync(t => t.Contains("From now on"), "the triage channel confirmed");
        var secret = await bot.NewKeyAsync("usage key new kong-prod payments");
        var at = bot.Clock.GetUtcNow().AddHours(-2);
        var records = Enumerable.Range(0, 40).Select(i => new UsageRecord(at.AddSeconds(i), "payments", "acme-shop",
            i % 8 == 0 ? 500 : 200, 30, i % 2 == 0 ? "/refunds" : "/payments/{id}", i % 2 == 0 ? "POST" : "GET")).ToList();
        await bot.PostRecordsAsync(records, secret);
        await bot.FoldAsync();

        var linked = await bot.SayInSlackAsync($"usage link payments acme-shop <@{SlackRequests.Consumer}|lena>", "C0USAGE");
        var refused = await bot.SayInSlackAsync("usage link payments acme-shop <@UX>", "C0USAGE", SlackRequests.Consumer);
        await bot.SendSlackCommandAsync("report payments: refunds fail with 500", SlackRequests.Consumer, $"D{SlackRequests.Consumer}");
        var withUsage = await bot.Slack.WaitForAsync(r => r.Path == "/api/chat.postMessage" && (string?)r.Json!["channel"] == TriageChannel
            && r.VisibleText().Contains("refunds fail"), "the linked reporter's triage card");
        await bot.SendSlackCommandAsync("report payments: pagination skips page 2", "UOTHER", "DUOTHER");
        var without = await bot.Slack.WaitForAsync(r => r.Path == "/api/chat.postMessage" && (string?)r.Json!["channel"] == TriageChannel
            && r.VisibleText().Contains("pagination skips"), "the unlinked reporter's triage card");

        Assert.Contains("Linked 1 person to consumer acme-shop of Payments API", linked);
        Assert.Contains("Only product managers", refused);
        var truth = Truth(records);
        Assert.Contains($"acme-shop: {truth.Calls} calls in 30 days, {UsageText.Percent(truth.ErrorRate)} errors, most failing: POST /refunds", withUsage.VisibleText());
        Assert.DoesNotContain("Their usage", without.VisibleText());
    }
}
