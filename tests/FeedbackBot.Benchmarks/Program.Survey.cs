using System.Diagnostics;
using System.Globalization;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Jobs;
using FeedbackBot.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Benchmarks;

/// <summary>
/// A survey's fan-out at scale: a Slack channel of N members plus the bot, a product manager's
/// <c>survey new nps payments</c> through the signed slash-command endpoint, the roster read through
/// <c>conversations.members</c> (every page), one Hangfire child per member through the rate-limited messenger; then
/// every child enqueued a second time, as retries or a second instance would, which must send nothing. Exits 1 on
/// any duplicate, missing or extra card, a card to the bot, or a pass that did not finish.
/// <code>dotnet run -c Release --project tests/FeedbackBot.Benchmarks -- --survey-recipients 10000 --slack-per-second 200</code>
/// </summary>
public static partial class Program
{
    private static readonly string SurveyTenant = $"slack:{SlackRequests.Team}";

    private static async Task<int> RunSurveyAsync(Options options, int recipients)
    {
        // The scheduler pass is a Hangfire job too: off, so the run is started by the command alone (as a PM's "now"
        // survey is) and the job counts waited on below are exactly the delivery children.
        await using var bot = await StartAsync(options, s => s["Surveys:TickCron"] = Cron.Never());
        var members = Enumerable.Range(1, recipients).Select(n => $"UBENCH{n:000000}").ToList();
        var roster = new List<string>(members);
        roster.Insert(roster.Count / 2, SlackRequests.BotUser);
        // Slack serves at most the 200 the roster asks for: 10,000 members are 50 pages.
        bot.Slack.MembersPageSize = 200;
        bot.Slack.SetChannelMembers(SlackRequests.Channel, [.. roster]);

        var timeout = options.Timeout ?? TimeSpan.FromMinutes(2) + 2 * TimeSpan.FromSeconds(recipients / options.SlackPerSecond);
        var storage = bot.Services.GetRequiredService<JobStorage>();

        Console.Error.WriteLine($"Creating an NPS survey to the {recipients} members of {SlackRequests.Channel} (Slack {options.SlackPerSecond.ToString(CultureInfo.InvariantCulture)}/s) ...");
        var doneBefore = JobsDone(storage);
        var clock = Stopwatch.StartNew();
        using var timeline = new SurveyTimeline(bot, clock);
        var response = await bot.SendSlackCommandAsync("survey new nps payments", SlackRequests.ProductManager, SlackRequests.Channel);
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"The slash command was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return 1;
        }
        var confirmed = await WaitUntilAsync(() => timeline.Confirmation is not null, timeout);
        var run = confirmed ? await FirstRunAsync(bot) : null;
        var children = run?.Recipients ?? 0;
        var finished = run is not null && await WaitUntilAsync(() => JobsIdle(storage, doneBefore + children), timeout - clock.Elapsed);
        var elapsed = clock.Elapsed;
        timeline.Stop();
        var firstPass = SurveyCards(bot).Values.Sum();

        // Retries, or a second instance given the same children: each must find its delivery recorded and send nothing.
        Console.Error.WriteLine($"First pass done in {elapsed.TotalSeconds:0.0} s; enqueuing all {members.Count} delivery children again ...");
        var jobs = bot.Services.GetRequiredService<IBackgroundJobClient>();
        var doneBeforeAgain = JobsDone(storage);
        var again = Stopwatch.StartNew();
        if (run is not null)
        {
            foreach (var member in members)
            {
                var key = $"slack:{member}";
                jobs.Enqueue<SurveyJob>(job => job.DeliverAsync(SurveyTenant, run.RunId, key, false, CancellationToken.None));
            }
        }
        var finishedAgain = run is not null && await WaitUntilAsync(() => JobsIdle(storage, doneBeforeAgain + members.Count), timeout);
        var againElapsed = again.Elapsed;

        var cards = SurveyCards(bot);
        var sent = cards.Values.Sum();
        var extra = sent - firstPass;
        var duplicates = members.Count(m => cards.GetValueOrDefault($"D{m}") > 1);
        var missing = members.Count(m => cards.GetValueOrDefault($"D{m}") == 0);
        var toBot = cards.GetValueOrDefault($"D{SlackRequests.BotUser}");
        var fanOut = timeline.FirstCard is { } first ? elapsed - first : elapsed;
        var rate = firstPass / Math.Max(fanOut.TotalSeconds, 0.001);
        using var self = Process.GetCurrentProcess();
        self.Refresh();

        Line("recipients", recipients.ToString(CultureInfo.InvariantCulture), $"channel members besides the bot; {children} stored on the run");
        Line("roster pages read", bot.Slack.Calls("conversations.members").Count.ToString(CultureInfo.InvariantCulture), "conversations.members, 200 a page");
        Line("finished", finished && finishedAgain ? "yes" : $"NO (first pass {(finished ? "done" : "not done")}, second {(finishedAgain ? "done" : "not done")}; timeout {timeout.TotalSeconds:0} s each)");
        Seconds("roster read (s)", timeline.LastRosterPage, "from the command to the last conversations.members page; sampled every 50 ms");
        Seconds("before the fan-out (s)", timeline.FirstCard, "from the command to the first card: roster pages, then the recipients written 100 a transaction");
        Seconds("confirmation (s)", timeline.Confirmation, "from the command to the PM's confirmation, after every child was handed to Hangfire");
        Line("total time (s)", elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), "from the command to the last delivery child done");
        Line("fan-out time (s)", fanOut.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), "from the first card to the last delivery child done");
        Line("messages sent", firstPass.ToString(CultureInfo.InvariantCulture), $"survey cards by DM; {bot.Slack.Calls("conversations.open").Count} conversations.open calls");
        Line("messages per second", rate.ToString("0.0", CultureInfo.InvariantCulture), "over the fan-out time");
        Line("configured limit (msg/s)", options.SlackPerSecond.ToString("0.0", CultureInfo.InvariantCulture), "Delivery:SlackPerSecond, one workspace");
        Line("achieved / limit", (rate / options.SlackPerSecond).ToString("0.00", CultureInfo.InvariantCulture));
        Line("second pass time (s)", againElapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), $"{members.Count} children enqueued again, each finding its delivery recorded");
        Line("extra messages", extra.ToString(CultureInfo.InvariantCulture), "cards sent by the second pass; must be 0");
        Line("duplicates", duplicates.ToString(CultureInfo.InvariantCulture), "members sent more than one card; must be 0");
        Line("missing", missing.ToString(CultureInfo.InvariantCulture), "members sent no card; must be 0");
        Line("cards to the bot", toBot.ToString(CultureInfo.InvariantCulture), "must be 0");
        Line("failed requests", bot.Slack.Requests.Count(r => !r.Succeeded).ToString(CultureInfo.InvariantCulture), "answered non-2xx by the fake");
        Line("failed jobs", storage.GetMonitoringApi().FailedCount().ToString(CultureInfo.InvariantCulture));
        Line("peak memory (MB)", (self.PeakWorkingSet64 / 1024.0 / 1024).ToString("0", CultureInfo.InvariantCulture),
            "this process: app, Hangfire and both fakes with every request recorded");
        if (AzuritePeakMegabytes() is { } azurite)
            Line("Azurite peak memory (MB)", azurite.ToString("0", CultureInfo.InvariantCulture), "its own node process, in-memory tables");

        return finished && finishedAgain && duplicates == 0 && missing == 0 && extra == 0 && toBot == 0 ? 0 : 1;
    }

    private static void Seconds(string name, TimeSpan? at, string note) =>
        Line(name, at is { } t ? t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "never", note);

    private static async Task<SurveyRun?> FirstRunAsync(BotApplication bot)
    {
        var store = bot.Services.GetRequiredService<ISurveyStore>();
        var survey = (await store.ListAsync(SurveyTenant, default)).SingleOrDefault();
        return survey is null ? null : await store.GetRunAsync(SurveyTenant, survey.Id, 1, default);
    }

    /// <summary>Jobs that reached an end (a failed child counts, so a broken run ends the wait instead of timing out).</summary>
    private static long JobsDone(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        return monitoring.SucceededListCount() + monitoring.FailedCount();
    }

    /// <summary>At least <paramref name="done"/> jobs ended and none waits, runs or sits scheduled for a retry.</summary>
    private static bool JobsIdle(JobStorage storage, long done)
    {
        var monitoring = storage.GetMonitoringApi();
        return JobsDone(storage) >= done && monitoring.ProcessingCount() == 0 && monitoring.EnqueuedCount("default") == 0 && monitoring.ScheduledCount() == 0;
    }

    /// <summary>Survey cards per DM channel as the fake recorded them (successful chat.postMessage calls only).</summary>
    private static Dictionary<string, int> SurveyCards(BotApplication bot)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var request in bot.Slack.Calls("chat.postMessage"))
        {
            if (!request.Succeeded || !request.Body.Contains(SurveyVerbs.Answer, StringComparison.Ordinal)) continue;
            var channel = (string?)request.Json?["channel"] ?? "";
            counts[channel] = counts.GetValueOrDefault(channel) + 1;
        }
        return counts;
    }

    /// <summary>
    /// When the Slack fake saw the steps of a run (it records no times): its request list only grows, so every 50 ms
    /// the requests since the last look are read and stamped with the time of that look.
    /// </summary>
    private sealed class SurveyTimeline : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Lock gate = new();
        private readonly Task loop;
        private TimeSpan? lastRosterPage, confirmation, firstCard;

        public SurveyTimeline(BotApplication bot, Stopwatch clock)
        {
            var seen = bot.Slack.Requests.Count;
            loop = Task.Run(async () =>
            {
                while (true)
                {
                    var done = stop.IsCancellationRequested;
                    var requests = bot.Slack.Requests;
                    var at = clock.Elapsed;
                    for (; seen < requests.Count; seen++) Saw(requests[seen], at);
                    if (done) return;
                    try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
                }
            });
        }

        public TimeSpan? LastRosterPage { get { lock (gate) return lastRosterPage; } }

        public TimeSpan? Confirmation { get { lock (gate) return confirmation; } }

        public TimeSpan? FirstCard { get { lock (gate) return firstCard; } }

        private void Saw(RecordedRequest request, TimeSpan at)
        {
            lock (gate)
            {
                if (request.Path == "/api/conversations.members") lastRosterPage = at;
                else if (request.Path == "/api/chat.postMessage" && request.Body.Contains(SurveyVerbs.Answer, StringComparison.Ordinal)) firstCard ??= at;
                else if (request.Path is "/api/chat.postMessage" or "/api/chat.postEphemeral" && request.Body.Contains(" created: ", StringComparison.Ordinal)) confirmation ??= at;
            }
        }

        public void Stop()
        {
            if (stop.IsCancellationRequested) return;
            stop.Cancel();
            loop.Wait();
        }

        public void Dispose()
        {
            Stop();
            stop.Dispose();
        }
    }
}
