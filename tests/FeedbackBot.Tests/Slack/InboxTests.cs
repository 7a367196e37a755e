using Azure.Data.Tables;
using FeedbackBot.Jobs;
using FeedbackBot.Storage;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Slack;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class InboxTests
{
    [Fact]
    public async Task A_request_acknowledged_before_a_crash_is_answered_after_the_restart()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var body = SlackRequests.Command("about payments");
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(prefix + "SlackInbox");
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity(SlackInbox.ShardOf("398738663015.1.crash"), SlackInbox.RowKeyOf(SlackRequests.Team, "398738663015.1.crash"))
        {
            ["Kind"] = "Command", ["TeamId"] = SlackRequests.Team, ["RequestId"] = "398738663015.1.crash", ["Status"] = "Pending",
            ["ReceivedAt"] = DateTimeOffset.UtcNow.AddMinutes(-1), ["BodyParts"] = 1, ["Body0"] = body,
        });

        await using var bot = await BotApplication.StartAsync(s => s["Storage:TablePrefix"] = prefix);

        var sent = await bot.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Contains("Payments API", sent.VisibleText());
    }

    [Fact]
    public async Task The_hourly_job_deletes_rows_done_a_day_ago_and_keeps_the_rest()
    {
        await using var bot = await BotApplication.StartAsync();
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(bot.TablePrefix + "SlackInbox");
        await table.CreateIfNotExistsAsync();
        foreach (var (id, status, finished) in new[] { ("old-done", "Done", -30.0), ("new-done", "Done", -1.0), ("old-failed", "Failed", -30.0), ("ancient-failed", "Failed", -200.0) })
        {
            await table.AddEntityAsync(new TableEntity(SlackInbox.ShardOf(id), SlackInbox.RowKeyOf(SlackRequests.Team, id))
            {
                ["Kind"] = "Command", ["RequestId"] = id, ["Status"] = status, ["FinishedAt"] = DateTimeOffset.UtcNow.AddHours(finished),
            });
        }

        await bot.Services.GetRequiredService<SlackInboxMaintenance>().RunAsync(CancellationToken.None);

        var left = (await bot.InboxRowsAsync()).Select(r => r.GetString("RequestId")).Order().ToList();
        Assert.Equal(["new-done", "old-failed"], left);
    }

    [Fact]
    public async Task The_maintenance_job_is_registered_to_run_hourly()
    {
        await using var bot = await BotApplication.StartAsync();

        using var connection = bot.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == SlackInboxMaintenance.JobId);

        Assert.Equal(Hangfire.Cron.Hourly(), job.Cron);
    }

    [Fact]
    public void Request_ids_spread_over_sixteen_shards()
    {
        var shards = Enumerable.Range(0, 2000).Select(i => SlackInbox.ShardOf($"Ev{i:0000000}")).ToHashSet();

        Assert.Equal(16, shards.Count);
        Assert.All(shards, s => Assert.Matches("^inbox-(0[0-9]|1[0-5])$", s));
    }
}
