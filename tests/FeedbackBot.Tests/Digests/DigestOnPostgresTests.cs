using FeedbackBot.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Tests.Digests.DigestKit;

namespace FeedbackBot.Tests.Digests;

[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.PostgreSQL)]
public sealed class DigestOnPostgresTests
{
    [Fact]
    public async Task Two_hangfire_servers_on_postgresql_share_the_fan_out_and_every_channel_gets_exactly_one_digest()
    {
        var postgres = Environment.GetEnvironmentVariable("FEEDBACKBOT_TEST_POSTGRES")
            ?? throw new InvalidOperationException("FEEDBACKBOT_TEST_POSTGRES is not set: run the tests with `npm test`, which starts a private PostgreSQL cluster.");
        var schema = "digest_" + Guid.NewGuid().ToString("N")[..10];
        void Shared(Dictionary<string, string?> s)
        {
            s["Hangfire:Storage"] = "PostgreSql";
            s["Hangfire:ConnectionString"] = postgres;
            s["Hangfire:Schema"] = schema;
            s["Hangfire:WorkerCount"] = "4";
        }
        await using var first = await BotApplication.StartAsync(Shared);
        await using var second = await BotApplication.StartAsync(s =>
        {
            Shared(s);
            s["Storage:TablePrefix"] = first.TablePrefix;
            s["Slack:ApiBaseUrl"] = first.Slack.ApiUrl.ToString();
        });
        const int perPlatform = 8;
        for (var n = 0; n < perPlatform; n++)
        {
            await first.SayInTeamsAsync("digest here payments", TeamsChannel(n));
            await first.SayInSlackAsync("digest here payments", SlackChannel(n));
        }
        await first.ShipLastWeekAsync(TeamsTenant);
        await first.ShipLastWeekAsync(SlackTenant);

        // Both instances run the weekly job, as two instances would if each thought it was alone.
        await first.Services.GetRequiredService<Jobs.WeeklyDigestJob>().RunAsync(default);
        await second.Services.GetRequiredService<Jobs.WeeklyDigestJob>().RunAsync(default);
        var monitoring = first.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        try
        {
            await Eventually.WaitUntilAsync(() => monitoring.SucceededListCount() >= 4 * perPlatform && monitoring.ProcessingCount() == 0 && monitoring.EnqueuedCount("default") == 0,
                "every digest child to finish on PostgreSQL", TimeSpan.FromSeconds(60));
        }
        catch (Exception e)
        {
            var failed = monitoring.FailedJobs(0, 3).Select(j => j.Value.ExceptionMessage);
            throw new Xunit.Sdk.XunitException($"{e.Message} succeeded={monitoring.SucceededListCount()} failed={monitoring.FailedCount()} scheduled={monitoring.ScheduledCount()} processing={monitoring.ProcessingCount()} enqueued={monitoring.EnqueuedCount("default")} {string.Join(" | ", failed)}");
        }

        Assert.Equal(2, monitoring.Servers().Count);
        for (var n = 0; n < perPlatform; n++)
        {
            Assert.Single(first.TeamsDigests(TeamsChannel(n)));
            Assert.Single(first.SlackDigests(SlackChannel(n)));
        }
    }
}
