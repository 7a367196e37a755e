using FeedbackBot.Core.Digests;
using FeedbackBot.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Tests.Digests.DigestKit;

namespace FeedbackBot.Tests.Digests;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class WeeklyDigestJobTests
{
    [Fact]
    public async Task Each_subscribed_channel_gets_one_digest_on_both_platforms_and_a_second_run_reposts_nothing()
    {
        await using var bot = await BotApplication.StartAsync(TestCatalog.WithOrdersApi);
        await bot.SayInTeamsAsync("digest here payments", TeamsChannel(1));
        await bot.SayInTeamsAsync("digest here all", TeamsChannel(2));
        await bot.SayInTeamsAsync("digest here orders", TeamsChannel(3));
        await bot.SayInSlackAsync("digest here payments", SlackChannel(1));
        await bot.ShipLastWeekAsync(TeamsTenant);
        await bot.ShipLastWeekAsync(SlackTenant, "Payouts every day");

        await bot.RunDigestJobAsync();
        await bot.RunDigestJobAsync();

        Assert.Contains("Refunds in one call", Assert.Single(bot.TeamsDigests(TeamsChannel(1))).Body);
        Assert.Single(bot.TeamsDigests(TeamsChannel(2)));
        Assert.Empty(bot.TeamsDigests(TeamsChannel(3)));
        Assert.Contains("Payouts every day", Assert.Single(bot.SlackDigests(SlackChannel(1))).Body);
    }

    [Fact]
    public async Task A_channel_that_fails_temporarily_gets_exactly_one_digest_after_retries_and_the_others_one_each()
    {
        await using var bot = await BotApplication.StartAsync();
        foreach (var n in new[] { 1, 2 }) await bot.SayInTeamsAsync("digest here payments", TeamsChannel(n));
        foreach (var n in new[] { 1, 2 }) await bot.SayInSlackAsync("digest here payments", SlackChannel(n));
        await bot.ShipLastWeekAsync(TeamsTenant);
        await bot.ShipLastWeekAsync(SlackTenant);
        var period = LastWeek(bot);
        bot.Teams.FailNext("POST", $"/{TeamsChannel(1)}/activities", 500);
        bot.Teams.FailNext("POST", $"/{TeamsChannel(1)}/activities", 429, retryAfterSeconds: 1);
        bot.Slack.ServerErrorNext("chat.postMessage");
        bot.Slack.RateLimitNext("chat.postMessage", 1);

        var outcomes = new List<DigestOutcome>();
        for (var attempt = 0; attempt < 3 && !outcomes.Contains(DigestOutcome.Posted); attempt++)
        {
            try { outcomes.Add(await bot.SendAsync(TeamsTenant, TeamsChannel(1), period)); }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException) { outcomes.Add((DigestOutcome)(-1)); }
        }
        var slack = await RetryAsync(() => bot.SendAsync(SlackTenant, SlackChannel(1), period));
        var others = new[]
        {
            await bot.SendAsync(TeamsTenant, TeamsChannel(2), period), await bot.SendAsync(SlackTenant, SlackChannel(2), period),
            await bot.SendAsync(TeamsTenant, TeamsChannel(1), period), await bot.SendAsync(SlackTenant, SlackChannel(1), period),
        };

        Assert.Equal(DigestOutcome.Posted, outcomes[^1]);
        Assert.Equal(DigestOutcome.Posted, slack);
        Assert.Equal([DigestOutcome.Posted, DigestOutcome.Posted, DigestOutcome.AlreadyDelivered, DigestOutcome.AlreadyDelivered], others);
        foreach (var n in new[] { 1, 2 })
        {
            Assert.Single(bot.TeamsDigests(TeamsChannel(n)));
            Assert.Single(bot.SlackDigests(SlackChannel(n)));
        }
    }

    [Fact]
    public async Task A_channel_the_bot_was_removed_from_is_marked_inactive_not_retried_and_reported()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SayInTeamsAsync("digest here payments", TeamsChannel(1));
        await bot.SayInSlackAsync("digest here payments", SlackChannel(1));
        await bot.ShipLastWeekAsync(TeamsTenant);
        await bot.ShipLastWeekAsync(SlackTenant);
        var period = LastWeek(bot);
        bot.Teams.FailNext("POST", $"/{TeamsChannel(1)}/activities", 403);
        bot.Slack.FailNext("chat.postMessage", "channel_not_found");

        Assert.Equal(DigestOutcome.MarkedInactive, await bot.SendAsync(TeamsTenant, TeamsChannel(1), period));
        Assert.Equal(DigestOutcome.MarkedInactive, await bot.SendAsync(SlackTenant, SlackChannel(1), period));
        Assert.Equal(DigestOutcome.Inactive, await bot.SendAsync(TeamsTenant, TeamsChannel(1), period));
        Assert.Equal(0, await bot.Services.GetRequiredService<Jobs.WeeklyDigestJob>().RunAsync(default));

        Assert.Empty(bot.TeamsDigests(TeamsChannel(1)));
        Assert.Contains("BotNotInConversationRoster", await bot.SayInTeamsAsync("digest", TeamsChannel(9)));
        Assert.Contains("channel_not_found", await bot.SayInSlackAsync("digest", SlackChannel(9)));
    }

    [Fact]
    public async Task The_digest_is_a_recurring_job_on_the_configured_cron_and_zone_and_a_bad_setting_stops_start_up()
    {
        await using (var bot = await BotApplication.StartAsync(s => { s["Digest:Cron"] = "30 8 * * 1"; s["Digest:TimeZone"] = "Europe/Paris"; }))
        {
            using var connection = bot.Services.GetRequiredService<JobStorage>().GetConnection();
            var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == "weekly-digest");
            Assert.Equal(("30 8 * * 1", "Europe/Paris"), (job.Cron, job.TimeZoneId));
        }
        foreach (var (key, value) in new[] { ("Digest:Cron", "mondays"), ("Digest:TimeZone", "Mars/Olympus"), ("Delivery:SlackPerSecond", "0") })
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => BotApplication.StartAsync(s => s[key] = value));
            Assert.Contains(key, failure.ToString());
        }
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt)
    {
        for (var tries = 1; ; tries++)
        {
            try { return await attempt(); }
            catch (Exception) when (tries < 3) { }
        }
    }
}
