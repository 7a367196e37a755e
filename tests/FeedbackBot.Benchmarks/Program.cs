using System.Diagnostics;
using System.Globalization;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Digests;
using FeedbackBot.Hosting;
using FeedbackBot.Jobs;
using FeedbackBot.Tests.Digests;
using FeedbackBot.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Benchmarks;

/// <summary>
/// The weekly digest at scale: the whole app in process (real Azurite, InMemory Hangfire, the loopback Teams and Slack
/// fakes), N channels subscribed straight through the store, one item shipped last week per tenant so every channel has
/// news, then the real parent job and its N children. Prints one figure per line; exits 1 on any duplicate or missing
/// digest (or a run that did not finish), 2 on bad arguments.
/// <code>dotnet run -c Release --project tests/FeedbackBot.Benchmarks -- --channels 10000 [--teams-per-second 50] [--slack-per-second 5]</code>
/// With <c>--survey-recipients N</c> it measures a survey's fan-out instead (Program.Survey.cs).
/// </summary>
public static partial class Program
{
    private const string Usage = """
        Usage: dotnet run -c Release --project tests/FeedbackBot.Benchmarks -- [options]
          --channels N            channels subscribed, half Teams half Slack (default 10000)
          --teams-tenants N       Teams tenants the Teams channels are spread across (default 4)
          --slack-workspaces N    Slack workspaces the Slack channels are spread across (default 4)
          --teams-per-second R    Delivery:TeamsPerSecond, per tenant (default: the app's default)
          --slack-per-second R    Delivery:SlackPerSecond, per workspace (default: the app's default)
          --workers N             Hangfire workers (default 20)
          --timeout-minutes M     give up waiting after M minutes (default: twice the time the limits allow, plus 2 minutes)
          --turns                 instead of the digest: what a Teams or Slack turn costs beside two floors
                                  (Program.Turns.cs; --turns --help for its options)
          --survey-recipients N   instead of the digest: an NPS survey to a Slack channel of N members, created with
                                  the slash command, then every delivery child enqueued a second time; takes
                                  --slack-per-second, --workers and --timeout-minutes
          --usage-records N       instead of the digest: usage ingest of N records (5 APIs, 1,000 consumers) in batches
                                  of 1,000, each sent twice; Kong and OTLP samples; digest reads for 10^4 and N records
        """;

    public static async Task<int> Main(string[] args)
    {
        // The turn benchmark (Program.Turns.cs) and the servers it starts in processes of their own.
        if (args.FirstOrDefault() == "--serve") return await Turns.ServerProcess.ServeAsync(args);
        if (args.FirstOrDefault() == "--turns") return await RunTurnsAsync(args[1..]);

        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (options.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        if (options.SurveyRecipients is { } recipients) return await RunSurveyAsync(options, recipients);
        if (options.UsageRecords is { } usageRecords) return await RunUsageAsync(options, usageRecords);

        await using var bot = await StartAsync(options);

        var channels = Channels(bot, options);
        Console.Error.WriteLine($"Seeding {channels.Count} subscriptions ({options.TeamsTenants} Teams tenant(s), {options.SlackWorkspaces} Slack workspace(s)) ...");
        var seeding = Stopwatch.StartNew();
        await SeedAsync(bot, channels);
        Console.Error.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.0} s; running the weekly digest ...");

        var teamsChannels = channels.Count(c => c.Platform == Platform.Teams);
        var slackChannels = channels.Count - teamsChannels;
        var timeout = options.Timeout ?? TimeSpan.FromMinutes(2) + 2 * TimeSpan.FromSeconds(
            Math.Ceiling((double)teamsChannels / options.TeamsTenants) / options.TeamsPerSecond +
            Math.Ceiling((double)slackChannels / options.SlackWorkspaces) / options.SlackPerSecond);

        var storage = bot.Services.GetRequiredService<JobStorage>();
        var succeededBefore = storage.GetMonitoringApi().SucceededListCount();
        using var watch = new SendWatch(bot);
        var clock = Stopwatch.StartNew();
        var enqueued = await bot.Services.GetRequiredService<WeeklyDigestJob>().RunAsync(default);
        var finished = await WaitUntilAsync(() =>
        {
            var monitoring = storage.GetMonitoringApi();
            return monitoring.SucceededListCount() >= succeededBefore + enqueued && monitoring.ProcessingCount() == 0
                && monitoring.EnqueuedCount("default") == 0 && monitoring.ScheduledCount() == 0;
        }, timeout);
        var elapsed = clock.Elapsed;
        watch.Stop();

        var monitoringAfter = storage.GetMonitoringApi();
        var failedJobs = monitoringAfter.FailedCount();
        var digests = CountDigests(bot);
        var sent = digests.Values.Sum();
        var duplicates = channels.Count(c => digests.GetValueOrDefault(c.Key) > 1);
        var missing = channels.Count(c => digests.GetValueOrDefault(c.Key) == 0);
        var teamsSent = channels.Where(c => c.Platform == Platform.Teams).Sum(c => digests.GetValueOrDefault(c.Key));
        var slackSent = sent - teamsSent;

        var teamsLimit = options.TeamsPerSecond * Math.Min(options.TeamsTenants, teamsChannels);
        var slackLimit = options.SlackPerSecond * Math.Min(options.SlackWorkspaces, slackChannels);
        var limit = (teamsChannels > 0 ? teamsLimit : 0) + (slackChannels > 0 ? slackLimit : 0);
        var rate = sent / elapsed.TotalSeconds;

        using var self = Process.GetCurrentProcess();
        self.Refresh();

        Line("channels", channels.Count.ToString(CultureInfo.InvariantCulture), $"{teamsChannels} Teams in {options.TeamsTenants} tenant(s), {slackChannels} Slack in {options.SlackWorkspaces} workspace(s)");
        Line("children enqueued", enqueued.ToString(CultureInfo.InvariantCulture));
        Line("finished", finished ? "yes" : $"NO (gave up after {timeout.TotalSeconds:0} s)");
        Line("total time (s)", elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), "from the parent job's start to the last child done");
        Line("messages sent", sent.ToString(CultureInfo.InvariantCulture), $"{teamsSent} Teams, {slackSent} Slack");
        Line("messages per second", rate.ToString("0.0", CultureInfo.InvariantCulture));
        Line("configured limit (msg/s)", limit.ToString("0.0", CultureInfo.InvariantCulture),
            $"Teams {options.TeamsPerSecond.ToString(CultureInfo.InvariantCulture)}/s x {Math.Min(options.TeamsTenants, teamsChannels)} tenant(s) + Slack {options.SlackPerSecond.ToString(CultureInfo.InvariantCulture)}/s x {Math.Min(options.SlackWorkspaces, slackChannels)} workspace(s)");
        Line("achieved / limit", (rate / limit).ToString("0.00", CultureInfo.InvariantCulture));
        PlatformLine(watch.Teams, "Teams", teamsSent, teamsLimit);
        PlatformLine(watch.Slack, "Slack", slackSent, slackLimit);
        Line("duplicates", duplicates.ToString(CultureInfo.InvariantCulture), "channels with more than one digest; must be 0");
        Line("missing", missing.ToString(CultureInfo.InvariantCulture), "channels with no digest; must be 0");
        Line("failed requests", (bot.Teams.Requests.Count(r => !r.Succeeded) + bot.Slack.Requests.Count(r => !r.Succeeded)).ToString(CultureInfo.InvariantCulture), "answered non-2xx by the fakes");
        Line("failed jobs", failedJobs.ToString(CultureInfo.InvariantCulture));
        Line("peak memory (MB)", (self.PeakWorkingSet64 / 1024.0 / 1024).ToString("0", CultureInfo.InvariantCulture),
            "this process: app, Hangfire and both fakes with every request recorded");
        if (AzuritePeakMegabytes() is { } azurite)
            Line("Azurite peak memory (MB)", azurite.ToString("0", CultureInfo.InvariantCulture), "its own node process, in-memory tables");

        return finished && duplicates == 0 && missing == 0 ? 0 : 1;
    }

    private static async Task<BotApplication> StartAsync(Options options, Action<Dictionary<string, string?>>? configure = null)
    {
        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the working
        // directory (a test runner runs in the output folder; `dotnet run` keeps the caller's).
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        return await BotApplication.StartAsync(s =>
        {
            s["Hangfire:WorkerCount"] = options.Workers.ToString(CultureInfo.InvariantCulture);
            s["Delivery:TeamsPerSecond"] = options.TeamsPerSecond.ToString(CultureInfo.InvariantCulture);
            s["Delivery:SlackPerSecond"] = options.SlackPerSecond.ToString(CultureInfo.InvariantCulture);
            // One log line per HTTP call or job would measure the console, not the bot.
            s["Logging:LogLevel:Default"] = "Warning";
            s["Logging:LogLevel:Hangfire"] = "Warning";
            configure?.Invoke(s);
        });
    }

    private static void Line(string name, string value, string? note = null) =>
        Console.WriteLine(note is null ? $"{name}: {value}" : $"{name}: {value}  ({note})");

    /// <summary>One platform's rate over the time it was actually sending (children run in enqueue order, tenant by tenant).</summary>
    private static void PlatformLine(SendWatch.Window window, string name, int sent, double limit)
    {
        if (sent == 0 || window.First is not { } first || window.Last is not { } last) return;
        var seconds = Math.Max((last - first).TotalSeconds, 0.001);
        var rate = sent / seconds;
        Line($"{name} messages per second", rate.ToString("0.0", CultureInfo.InvariantCulture),
            $"{sent} over {seconds:0.0} s of sending, from {first.TotalSeconds:0.0} s to {last.TotalSeconds:0.0} s; limit {limit.ToString("0.0", CultureInfo.InvariantCulture)}/s, ratio {(rate / limit).ToString("0.00", CultureInfo.InvariantCulture)}");
    }

    private sealed record Channel(Platform Platform, string TenantId, string Id)
    {
        public string TenantKey => $"{Platform.ToString().ToLowerInvariant()}:{TenantId}";

        /// <summary>Channel ids are unique across tenants here, so the id alone names the channel in the fakes' records.</summary>
        public string Key => Id;
    }

    private static List<Channel> Channels(BotApplication bot, Options options)
    {
        var teams = (options.Channels + 1) / 2;
        var list = new List<Channel>(options.Channels);
        for (var n = 0; n < teams; n++)
        {
            var tenant = n % options.TeamsTenants + 1;
            list.Add(new Channel(Platform.Teams, $"bench-tenant-{tenant}", $"19:bench-{tenant}-{n}@thread.tacv2"));
        }
        for (var n = 0; n < options.Channels - teams; n++)
            list.Add(new Channel(Platform.Slack, $"TBENCH{n % options.SlackWorkspaces + 1}", $"CBENCH{n:000000}"));
        return list;
    }

    private static async Task SeedAsync(BotApplication bot, List<Channel> channels)
    {
        var store = bot.Services.GetRequiredService<ISubscriptionStore>();
        var now = bot.Clock.GetUtcNow();
        await Parallel.ForEachAsync(channels, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (channel, cancellationToken) =>
        {
            var address = new ConversationAddress(channel.Platform, channel.TenantId, channel.Id, ConversationKind.Channel);
            var handle = channel.Platform == Platform.Teams
                ? new ConversationHandle(address, TeamsActivities.Reference(bot, "channel", BotApplication.ProductManagerAad, channel.TenantId, channel.Id))
                : new ConversationHandle(address, channel.Id);
            var setBy = channel.Platform == Platform.Teams ? $"teams:{BotApplication.ProductManagerAad}" : $"slack:{SlackRequests.ProductManager}";
            await store.SetAsync(new DigestSubscription(channel.TenantKey, handle, ["payments"], setBy, now), cancellationToken);
        });
        foreach (var tenantKey in channels.Select(c => c.TenantKey).Distinct())
            await bot.ShipLastWeekAsync(tenantKey, $"Refunds in one call ({tenantKey})");
    }

    /// <summary>Digests per channel as the fakes recorded them (successful posts only).</summary>
    private static Dictionary<string, int> CountDigests(BotApplication bot)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        const string prefix = "/v3/conversations/";
        foreach (var request in bot.Teams.Sent)
        {
            if (!request.Succeeded || !request.Body.Contains("Road map digest", StringComparison.Ordinal) || !request.Path.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = request.Path[prefix.Length..];
            var channel = rest[..rest.IndexOf('/')];
            counts[channel] = counts.GetValueOrDefault(channel) + 1;
        }
        foreach (var request in bot.Slack.Calls("chat.postMessage"))
        {
            if (!request.Succeeded || !request.Body.Contains("Road map digest", StringComparison.Ordinal)) continue;
            var channel = (string?)request.Json?["channel"] ?? "";
            counts[channel] = counts.GetValueOrDefault(channel) + 1;
        }
        return counts;
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>When each fake first and last received a request, sampled every 100 ms (the fakes record no times).</summary>
    private sealed class SendWatch : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;

        public SendWatch(BotApplication bot)
        {
            var clock = Stopwatch.StartNew();
            var teamsBefore = bot.Teams.Requests.Count;
            var slackBefore = bot.Slack.Requests.Count;
            loop = Task.Run(async () =>
            {
                while (true)
                {
                    var done = stop.IsCancellationRequested;
                    Teams.Saw(bot.Teams.Requests.Count - teamsBefore, clock.Elapsed);
                    Slack.Saw(bot.Slack.Requests.Count - slackBefore, clock.Elapsed);
                    if (done) return;
                    try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
                }
            });
        }

        public Window Teams { get; } = new();

        public Window Slack { get; } = new();

        public void Stop()
        {
            stop.Cancel();
            loop.Wait();
        }

        public void Dispose() => stop.Dispose();

        public sealed class Window
        {
            private int seen;

            public TimeSpan? First { get; private set; }

            public TimeSpan? Last { get; private set; }

            public void Saw(int count, TimeSpan at)
            {
                if (count <= seen) return;
                First ??= at;
                Last = at;
                seen = count;
            }
        }
    }

    /// <summary>Azurite runs in its own node process (a child of this one); its peak resident memory, from /proc on Linux.</summary>
    private static double? AzuritePeakMegabytes()
    {
        if (!OperatingSystem.IsLinux()) return null;
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] != self || !stat.Contains("(node)", StringComparison.Ordinal)) continue;
                var hwm = File.ReadLines(Path.Combine(dir, "status")).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (hwm is null) continue;
                return double.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or FormatException)
            {
            }
        }
        return null;
    }

    private sealed record Options(int Channels, int TeamsTenants, int SlackWorkspaces, double TeamsPerSecond, double SlackPerSecond, int Workers, TimeSpan? Timeout, bool Help,
        int? SurveyRecipients = null, int? UsageRecords = null)
    {
        private static readonly string[] DigestOnly = ["--channels", "--teams-tenants", "--slack-workspaces", "--teams-per-second"];

        public static Options Parse(string[] args)
        {
            var defaults = new DeliveryOptions();
            var o = new Options(10_000, 4, 4, defaults.TeamsPerSecond, defaults.SlackPerSecond, 20, null, false);
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                o = args[i] switch
                {
                    "--channels" => o with { Channels = Positive(args[i], Value()) },
                    "--teams-tenants" => o with { TeamsTenants = Positive(args[i], Value()) },
                    "--slack-workspaces" => o with { SlackWorkspaces = Positive(args[i], Value()) },
                    "--teams-per-second" => o with { TeamsPerSecond = Rate(args[i], Value()) },
                    "--slack-per-second" => o with { SlackPerSecond = Rate(args[i], Value()) },
                    "--workers" => o with { Workers = Positive(args[i], Value()) },
                    "--timeout-minutes" => o with { Timeout = TimeSpan.FromMinutes(Rate(args[i], Value())) },
                    "--survey-recipients" => o with { SurveyRecipients = Positive(args[i], Value()) },
                    "--usage-records" => o with { UsageRecords = Positive(args[i], Value()) },
                    "--help" or "-h" => o with { Help = true },
                    _ => throw new ArgumentException($"Unknown option {args[i]}."),
                };
            }
            // A digest option given to the survey mode would be silently ignored, and the figures read as if it applied.
            if (o.SurveyRecipients is not null && args.FirstOrDefault(DigestOnly.Contains) is { } digestOption)
                throw new ArgumentException($"{digestOption} is a digest option; the survey mode (--survey-recipients) uses one Slack workspace.");
            return o;
        }

        private static int Positive(string name, string value) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a whole number above 0, not '{value}'.");

        private static double Rate(string name, string value) =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : throw new ArgumentException($"{name} takes a number above 0, not '{value}'.");
    }
}
