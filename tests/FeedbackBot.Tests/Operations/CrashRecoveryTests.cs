using System.Net;
using Azure.Data.Tables;
using FeedbackBot.Slack;
using FeedbackBot.Storage;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;

namespace FeedbackBot.Tests.Operations;

/// <summary>Acknowledged Slack requests whose instance died, or whose insert's answer was lost, are answered anyway, once.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_request_claimed_by_an_instance_that_died_is_taken_up_and_answered_once()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Inbox:SweepInterval"] = "00:00:01");
        await StoreAsync(bot, "EvDIED00001", "Processing", receivedAgo: TimeSpan.FromSeconds(40), claimedBy: "crashed-host-4242-abcdef");

        var answer = await bot.Slack.WaitForCallAsync("chat.postMessage");

        Assert.Contains("help", answer.VisibleText(), StringComparison.OrdinalIgnoreCase);
        await WaitForStatusAsync(bot, "EvDIED00001", "Done");
        Assert.Single(bot.Slack.Requests, r => r.Path.Contains("chat.postMessage"));
    }

    [Fact]
    public async Task A_request_stored_but_never_queued_is_taken_up_by_the_sweep()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Inbox:SweepInterval"] = "00:00:01");
        await StoreAsync(bot, "EvLOST00001", "Pending", receivedAgo: TimeSpan.FromSeconds(30), claimedBy: null);

        await bot.Slack.WaitForCallAsync("chat.postMessage");

        await WaitForStatusAsync(bot, "EvLOST00001", "Done");
    }

    [Fact]
    public async Task A_retry_that_finds_its_row_pending_and_unstarted_gets_it_processed()
    {
        await using var bot = await BotApplication.StartAsync();
        var envelope = await StoreAsync(bot, "EvHUNG00001", "Pending", receivedAgo: TimeSpan.Zero, claimedBy: null);

        var retry = await bot.SendSlackEventAsync(envelope, retry: 1);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await bot.Slack.WaitForCallAsync("chat.postMessage");
        await WaitForStatusAsync(bot, "EvHUNG00001", "Done");
    }

    [Fact]
    public async Task A_retry_of_a_request_being_processed_is_acknowledged_without_a_second_run()
    {
        await using var bot = await BotApplication.StartAsync();
        var envelope = await StoreAsync(bot, "EvBUSY00001", "Processing", receivedAgo: TimeSpan.Zero, claimedBy: FeedbackBot.Hosting.BotInstance.Id);

        var retry = await bot.SendSlackEventAsync(envelope, retry: 1);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("Processing", (await RowAsync(bot, "EvBUSY00001")).GetString("Status"));
    }

    private static async Task<string> StoreAsync(BotApplication bot, string eventId, string status, TimeSpan receivedAgo, string? claimedBy)
    {
        var envelope = SlackRequests.Event(SlackRequests.DirectMessage("help"), eventId);
        var table = await TableAsync(bot);
        var row = new TableEntity(SlackInbox.ShardOf(eventId), SlackInbox.RowKeyOf(SlackRequests.Team, eventId))
        {
            ["Kind"] = "Event", ["TeamId"] = SlackRequests.Team, ["RequestId"] = eventId, ["Status"] = status,
            ["ReceivedAt"] = DateTimeOffset.UtcNow - receivedAgo, ["BodyParts"] = 1, ["Body0"] = envelope,
        };
        if (claimedBy is not null)
        {
            row["ClaimedBy"] = claimedBy;
            row["ClaimedAt"] = DateTimeOffset.UtcNow - receivedAgo;
        }
        await table.AddEntityAsync(row);
        return envelope;
    }

    private static async Task<TableClient> TableAsync(BotApplication bot)
    {
        var table = new TableClient(Azurite.ConnectionString, bot.TablePrefix + "SlackInbox");
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private static async Task<TableEntity> RowAsync(BotApplication bot, string eventId) =>
        (await (await TableAsync(bot)).GetEntityAsync<TableEntity>(SlackInbox.ShardOf(eventId), SlackInbox.RowKeyOf(SlackRequests.Team, eventId))).Value;

    private static async Task WaitForStatusAsync(BotApplication bot, string eventId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await RowAsync(bot, eventId)).GetString("Status") != status)
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"{eventId} never became {status}.");
            await Task.Delay(100);
        }
    }
}
