using System.Text.Json.Nodes;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Jobs;
using FeedbackBot.Tests.Digests;
using FeedbackBot.Tests.Feedback;
using FeedbackBot.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Surveys;

/// <summary>
/// The scheduler paths on Teams with an API's consumers (people who reported feedback on it) as personal recipients:
/// reminders, closing, cron runs in a time zone, retried deliveries, opt-out. Time moves with <c>bot.Clock</c>; the
/// scheduler pass is called directly (its recurring job is set to never fire, so nothing races the test).
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SurveySchedulingTests
{
    private const string Consumer = BotApplication.ConsumerAad;
    private const string OtherConsumer = TeamsFeedbackKit.OtherConsumerAad;
    private static string Tenant => $"teams:{BotApplication.TenantId}";

    private static async Task<string> AnswerAsync(BotApplication bot, string fromAad, string value, string runId = "SV-101-1")
    {
        var data = new JsonObject { ["runId"] = runId, ["q"] = "q1", ["value"] = value };
        var response = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, SurveyVerbs.Answer, data, fromAad));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Survey cards the bot sent on its own into <paramref name="aad"/>'s personal chat (invitations and reminders).</summary>
    private static List<RecordedRequest> Cards(BotApplication bot, string aad, string surveyTitle = "NPS: Payments API", bool reminders = false) =>
        bot.Teams.Sent.Where(r => r.Path.Contains($"personal-{aad}") && r.Body.Contains(SurveyVerbs.Answer) && r.Body.Contains(surveyTitle)
            && r.Body.Contains("Reminder: ") == reminders).ToList();

    private static SurveyDesk Desk(BotApplication bot) => bot.Services.GetRequiredService<SurveyDesk>();

    private static ISurveyStore Store(BotApplication bot) => bot.Services.GetRequiredService<ISurveyStore>();

    [Fact]
    public async Task The_reminder_goes_only_to_non_respondents_and_only_once()
    {
        await using var bot = await SurveyKit.StartWithConsumersAsync();
        var created = await SurveyKit.SayAsync(bot, "survey new nps payments consumers closes 7d remind 2d");
        Assert.Contains("Survey SV-101", created);
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Single(Cards(bot, Consumer));
        Assert.Single(Cards(bot, OtherConsumer));
        Assert.Contains("Thanks! Your answer: 9", await AnswerAsync(bot, Consumer, "9"));

        bot.Clock.Advance(TimeSpan.FromDays(1));
        await Desk(bot).TickAsync(default);
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Empty(Cards(bot, OtherConsumer, reminders: true));

        bot.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Desk(bot).TickAsync(default);
        await Desk(bot).TickAsync(default);
        await SurveyKit.HangfireIdleAsync(bot);

        Assert.Single(Cards(bot, OtherConsumer, reminders: true));
        Assert.Empty(Cards(bot, Consumer, reminders: true));
        Assert.Single(Cards(bot, Consumer));
        Assert.True((await Store(bot).GetRunAsync(Tenant, "SV-101", 1, default))!.Reminded);
        Assert.Equal(2, (await Store(bot).GetRunAsync(Tenant, "SV-101", 1, default))!.Recipients);
    }

    [Fact]
    public async Task Someone_the_run_was_not_sent_to_cannot_answer_it()
    {
        await using var bot = await SurveyKit.StartWithConsumersAsync();
        await SurveyKit.SayAsync(bot, "survey new nps payments consumers");
        await SurveyKit.HangfireIdleAsync(bot);

        var stranger = await AnswerAsync(bot, "aad-stranger", "0");
        var recipient = await AnswerAsync(bot, Consumer, "10");

        Assert.Contains("was not sent to you", stranger);
        Assert.Contains("Thanks! Your answer: 10", recipient);
        var only = Assert.Single(await Store(bot).ListResponsesAsync(Tenant, "SV-101-1", default));
        Assert.Equal($"teams:{Consumer}", only.Respondent!.Key);
    }

    [Fact]
    public async Task A_run_closes_at_its_closing_time_and_a_later_answer_is_refused_politely()
    {
        await using var bot = await SurveyKit.StartWithConsumersAsync();
        await SurveyKit.SayAsync(bot, "survey new nps payments consumers closes 2d remind 1d");
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Contains("Thanks! Your answer: 4", await AnswerAsync(bot, Consumer, "4"));

        bot.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(5));
        Assert.Contains("Thanks! Your answer: 6", await AnswerAsync(bot, Consumer, "6"));
        bot.Clock.Advance(TimeSpan.FromMinutes(10));
        await Desk(bot).TickAsync(default);
        await SurveyKit.HangfireIdleAsync(bot);
        var late = await AnswerAsync(bot, OtherConsumer, "10");

        Assert.Contains("answers are no longer recorded", late);
        Assert.True((await Store(bot).GetRunAsync(Tenant, "SV-101", 1, default))!.Closed);
        var only = Assert.Single(await Store(bot).ListResponsesAsync(Tenant, "SV-101-1", default));
        Assert.Equal("6", only.Answers["q1"]);
        // The reminder was due before the close, but a closed run reminds no one.
        Assert.Empty(Cards(bot, OtherConsumer, reminders: true));
        // A delivery child that runs after the close (a late retry) sends nothing.
        Assert.False(await bot.Services.GetRequiredService<SurveyJob>().DeliverAsync(Tenant, "SV-101-1", $"teams:{OtherConsumer}", true, default));
    }

    [Fact]
    public async Task A_recurring_survey_starts_on_its_cron_in_its_time_zone_and_a_retried_delivery_does_not_send_twice()
    {
        await using var bot = await SurveyKit.StartWithConsumersAsync();
        var created = await SurveyKit.SayAsync(bot, "survey new nps payments consumers closes 2d cron \"0 9 * * 1\" Europe/Paris");
        Assert.Contains("on cron `0 9 * * 1` (Europe/Paris)", created);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var first = (await Store(bot).GetAsync(Tenant, "SV-101", default))!.NextRunAt!.Value;
        var local = TimeZoneInfo.ConvertTime(first, paris);
        Assert.Equal((DayOfWeek.Monday, 9, 0), (local.DayOfWeek, local.Hour, local.Minute));
        Assert.True(first > bot.Clock.GetUtcNow() && first <= bot.Clock.GetUtcNow().AddDays(7));
        // 09:00 in Paris is 08:00 UTC in winter, 07:00 in summer: the confirmation shows the UTC time, not Paris's.
        Assert.Contains($"first at {first.UtcDateTime:yyyy-MM-dd HH:mm} UTC", created);

        bot.Clock.Advance(first - bot.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Desk(bot).TickAsync(default));
        Assert.Empty(await Store(bot).ListRunsAsync(Tenant, "SV-101", default));

        bot.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await Desk(bot).TickAsync(default));
        Assert.Equal(0, await Desk(bot).TickAsync(default));
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Single(Cards(bot, Consumer));
        Assert.Single(Cards(bot, OtherConsumer));

        // Hangfire retrying a child (or a second instance running it) finds the delivery claimed and sends nothing.
        var job = bot.Services.GetRequiredService<SurveyJob>();
        Assert.False(await job.DeliverAsync(Tenant, "SV-101-1", $"teams:{Consumer}", false, default));
        Assert.False(await job.DeliverAsync(Tenant, "SV-101-1", $"teams:{Consumer}", false, default));
        Assert.Single(Cards(bot, Consumer));

        var survey = (await Store(bot).GetAsync(Tenant, "SV-101", default))!;
        Assert.Equal(1, survey.Runs);
        var second = TimeZoneInfo.ConvertTime(survey.NextRunAt!.Value, paris);
        Assert.Equal((DayOfWeek.Monday, 9, 0), (second.DayOfWeek, second.Hour, second.Minute));
        Assert.Equal(local.Date.AddDays(7), second.Date);

        // The next Monday starts run 2, and only then.
        bot.Clock.Advance(survey.NextRunAt.Value - bot.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Desk(bot).TickAsync(default));
        bot.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await Desk(bot).TickAsync(default));
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Equal(2, Cards(bot, Consumer).Count);
        Assert.True((await Store(bot).GetRunAsync(Tenant, "SV-101", 1, default))!.Closed);
    }

    [Fact]
    public async Task A_start_that_crashed_after_claiming_its_run_is_finished_by_a_later_pass_and_a_finished_survey_is_skipped()
    {
        await using var bot = await SurveyKit.StartWithConsumersAsync();
        var at = bot.Clock.GetUtcNow().AddHours(1);
        await SurveyKit.SayAsync(bot, "survey new nps payments consumers closes 2d at " + at.ToString("yyyy-MM-ddTHH:mm"));
        // An instance claimed run 1 and died before moving the survey on or sending anything.
        Assert.True(await Store(bot).TryAddRunAsync(new SurveyRun(Tenant, "SV-101", 1, at, at.AddDays(2), null, false, false, 0), default));

        bot.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Desk(bot).TickAsync(default));
        var survey = await Store(bot).GetAsync(Tenant, "SV-101", default);
        Assert.Equal(1, survey!.Runs);
        Assert.Null(survey.NextRunAt);
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Empty(Cards(bot, Consumer));

        bot.Clock.Advance(SurveyDesk.DispatchGrace);
        await Desk(bot).TickAsync(default);
        await SurveyKit.HangfireIdleAsync(bot);
        await Desk(bot).TickAsync(default);
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Single(Cards(bot, Consumer));
        Assert.Single(Cards(bot, OtherConsumer));
        var run = await Store(bot).GetRunAsync(Tenant, "SV-101", 1, default);
        Assert.True(run!.Dispatched);
        Assert.Equal(2, run.Recipients);

        bot.Clock.Advance(TimeSpan.FromDays(2));
        await Desk(bot).TickAsync(default);
        Assert.True((await Store(bot).GetRunAsync(Tenant, "SV-101", 1, default))!.Closed);
        Assert.False((await Store(bot).GetAsync(Tenant, "SV-101", default))!.HasOpenRuns);
    }

    [Fact]
    public async Task A_recipient_who_cannot_be_reached_is_not_retried_and_the_others_get_their_card()
    {
        await using var bot = await SurveyKit.StartWithConsumersAsync();
        // Teams refuses the consumer's chat for good (403: the app is not installed for them, or they blocked it).
        bot.Teams.FailNext("POST", $"personal-{Consumer}", 403, code: "ConversationBlockedByUser");
        await SurveyKit.SayAsync(bot, "survey new nps payments consumers");
        await SurveyKit.HangfireIdleAsync(bot);

        var monitoring = bot.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal(0, monitoring.ScheduledCount());
        Assert.Equal(0, monitoring.FailedCount());
        Assert.Single(bot.Teams.Requests, r => r.Path.Contains($"personal-{Consumer}") && r.Status == 403);
        Assert.DoesNotContain(Cards(bot, Consumer), r => r.Succeeded);
        Assert.Single(Cards(bot, OtherConsumer));
        Assert.False(await bot.Services.GetRequiredService<SurveyJob>().DeliverAsync(Tenant, "SV-101-1", $"teams:{Consumer}", false, default));
        Assert.DoesNotContain(Cards(bot, Consumer), r => r.Succeeded);
    }

    [Fact]
    public async Task A_delivery_that_fails_is_retried_alone_and_sent_once()
    {
        await using var bot = await SurveyKit.StartWithConsumersAsync();
        await SurveyKit.SayAsync(bot, "survey new nps payments consumers at " + bot.Clock.GetUtcNow().AddHours(1).ToString("yyyy-MM-ddTHH:mm"));
        Assert.Empty(await Store(bot).ListRunsAsync(Tenant, "SV-101", default));
        bot.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        // The consumer's send fails once (500): the child throws for Hangfire to retry later, and releases its claim.
        bot.Teams.FailNext("POST", $"personal-{Consumer}", 500);
        await Desk(bot).TickAsync(default);
        var monitoring = bot.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.WaitUntilAsync(() => monitoring.ScheduledCount() >= 1, "the failed child to be scheduled for a retry");
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Contains(bot.Teams.Requests, r => r.Path.Contains($"personal-{Consumer}") && r.Status == 500);
        Assert.DoesNotContain(Cards(bot, Consumer), r => r.Succeeded);
        Assert.Single(Cards(bot, OtherConsumer));

        // The retry (run here rather than waiting for Hangfire's delay) sends it; a further retry sends nothing.
        var job = bot.Services.GetRequiredService<SurveyJob>();
        Assert.True(await job.DeliverAsync(Tenant, "SV-101-1", $"teams:{Consumer}", false, default));
        Assert.False(await job.DeliverAsync(Tenant, "SV-101-1", $"teams:{Consumer}", false, default));
        Assert.Single(Cards(bot, Consumer), r => r.Succeeded);
        Assert.Single(Cards(bot, OtherConsumer));
    }

    [Fact]
    public async Task Surveys_off_is_respected_surveys_on_restores_it_and_mandatory_surveys_still_go()
    {
        await using var bot = await SurveyKit.StartWithConsumersAsync();
        Assert.Contains("you will not receive surveys any more", await SurveyKit.SayAsync(bot, "surveys off", Consumer));

        await SurveyKit.SayAsync(bot, "survey new nps payments consumers");
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Empty(Cards(bot, Consumer));
        Assert.Single(Cards(bot, OtherConsumer));

        await SurveyKit.SayAsync(bot, "survey new csat payments consumers mandatory");
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Single(Cards(bot, Consumer, "Satisfaction: Payments API"));
        Assert.Single(Cards(bot, OtherConsumer, "Satisfaction: Payments API"));

        Assert.Contains("you will receive surveys again", await SurveyKit.SayAsync(bot, "surveys on", Consumer));
        await SurveyKit.SayAsync(bot, "survey new ces payments consumers");
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Single(Cards(bot, Consumer, "Effort: Payments API"));
        Assert.Single(Cards(bot, OtherConsumer, "Effort: Payments API"));
        Assert.Empty(Cards(bot, Consumer));
    }
}
