using FeedbackBot.Tests.Feedback;
using FeedbackBot.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Surveys;

/// <summary>What the survey tests share: a bot with consumers of the Payments API, and waiting for the delivery children.</summary>
public static class SurveyKit
{
    public static string Tenant => $"teams:{BotApplication.TenantId}";

    /// <summary>A bot whose scheduler only runs when the test calls it, with two consumers of the Payments API.</summary>
    public static async Task<BotApplication> StartWithConsumersAsync()
    {
        var bot = await BotApplication.StartAsync(s => s["Surveys:TickCron"] = Cron.Never());
        try
        {
            await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm());
            await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Refunds time out", "POST /v2/refunds hangs."), TeamsFeedbackKit.OtherConsumerAad);
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until Hangfire has run every delivery child it was given: nothing enqueued or processing, twice in a row
    /// with no job finishing in between (a fetched job is briefly neither enqueued nor processing).
    /// </summary>
    public static async Task HangfireIdleAsync(BotApplication bot)
    {
        var monitoring = bot.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        long Done() => monitoring.SucceededListCount() + monitoring.ScheduledCount() + monitoring.FailedCount();
        bool Idle() => monitoring.EnqueuedCount("default") == 0 && monitoring.ProcessingCount() == 0;
        async Task<bool> SettledAsync()
        {
            await Eventually.WaitUntilAsync(Idle, "the survey deliveries to finish");
            var done = Done();
            await Task.Delay(250);
            return Idle() && Done() == done;
        }
        await Eventually.ReadUntilAsync(SettledAsync, settled => settled, "the survey deliveries to finish", interval: TimeSpan.Zero);
    }

    /// <summary>Types <paramref name="text"/> in the person's personal chat and returns the bot's next text message there.</summary>
    public static async Task<string> SayAsync(BotApplication bot, string text, string fromAad = BotApplication.ProductManagerAad)
    {
        var reply = await bot.SayInTeamsAsync(TeamsActivities.Message(bot, text, fromAad),
            r => r.Path.Contains($"personal-{fromAad}") && r.Body.Contains("\"text\""), $"the answer to \"{text}\"");
        return reply.Body;
    }
}
