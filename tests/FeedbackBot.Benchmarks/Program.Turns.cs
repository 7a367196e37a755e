using System.Diagnostics;
using System.Globalization;
using FeedbackBot.Benchmarks.Turns;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Benchmarks;

/// <summary>
/// What a turn costs, side by side with the floors: signed Slack events and Teams activities at a fixed arrival rate
/// (open loop) against FeedbackBot, against a bare Slack endpoint that checks the signature and writes one row, and
/// against a Bot Framework echo bot (as shipped, and with the connector set up once). Every server runs in its own
/// process on a loopback port; storage is one real Azurite; the Teams connector and Slack's Web API are loopback fakes.
/// <code>dotnet run -c Release --project tests/FeedbackBot.Benchmarks -- --turns [--rate 100] [--seconds 10] [--open-reports 10000]</code>
/// </summary>
public static partial class Program
{
    private const string TurnsUsage = """
        Usage: dotnet run -c Release --project tests/FeedbackBot.Benchmarks -- --turns [options]
          --rate R             requests per second, each phase (default 100)
          --seconds S          length of each phase (default 10)
          --open-reports N     open reports on the payments API of each tenant before the run (default 10000)
          --window S           how long after its request a reply may come and still count (default 20)
          --only LIST          phases to run, comma-separated: slack-floor, echo-floor, echo-floor-set-up-once,
                               slack-help, slack-report, teams-help, teams-report (default: all)
        """;

    private const string SigningSecret = "bench-signing-secret";

    private static async Task<int> RunTurnsAsync(string[] args)
    {
        TurnsOptions options;
        try
        {
            options = TurnsOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(TurnsUsage);
            return 2;
        }
        if (options.Help)
        {
            Console.WriteLine(TurnsUsage);
            return 0;
        }

        var clock = Stopwatch.StartNew();
        await using var sink = new ReplySink(clock);
        await sink.StartAsync();
        var storage = Azurite.ConnectionString;
        var prefix = "b" + Guid.NewGuid().ToString("N")[..12];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var run = new TurnRun(new TurnRunSettings(options.Rate, options.Seconds, options.WindowSeconds, SigningSecret), clock, sink, http);
        Console.Error.WriteLine($"Load average before the run: {LoadAverage()}");

        ServeOptions Serve(string kind) => new(kind, ServerProcess.FreePort(), storage, prefix, sink.BaseUrl, SigningSecret, 0);
        if (options.Runs("slack-floor")) await run.PhasesAsync(Serve("slack-floor"), [TurnKind.SlackFloor]);
        if (options.Runs("echo-floor")) await run.PhasesAsync(Serve("echo-floor"), [TurnKind.EchoFloor]);
        if (options.Runs("echo-floor-set-up-once")) await run.PhasesAsync(Serve("echo-floor-set-up-once"), [TurnKind.EchoFloorSetUpOnce]);
        var botPhases = new[] { TurnKind.SlackHelp, TurnKind.SlackReport, TurnKind.TeamsHelp, TurnKind.TeamsReport }.Where(k => options.Runs(k.Name())).ToArray();
        if (botPhases.Length > 0) await run.PhasesAsync(Serve("bot") with { OpenReports = options.OpenReports }, botPhases);

        Console.Error.WriteLine($"Load average after the run: {LoadAverage()}");
        run.PrintSummary();
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private sealed record TurnsOptions(double Rate, int Seconds, int OpenReports, int WindowSeconds, IReadOnlySet<string>? Only, bool Help)
    {
        public bool Runs(string phase) => Only is null || Only.Contains(phase);

        public static TurnsOptions Parse(string[] args)
        {
            var o = new TurnsOptions(100, 10, 10_000, 20, null, false);
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                o = args[i] switch
                {
                    "--rate" => o with { Rate = RateOf(args[i], Value()) },
                    "--seconds" => o with { Seconds = Positive(args[i], Value()) },
                    "--open-reports" => o with { OpenReports = int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException("--open-reports takes a whole number, 0 or more.") },
                    "--window" => o with { WindowSeconds = Positive(args[i], Value()) },
                    "--only" => o with { Only = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() },
                    "--help" or "-h" => o with { Help = true },
                    _ => throw new ArgumentException($"Unknown option {args[i]}."),
                };
            }
            var known = Enum.GetValues<TurnKind>().Select(k => k.Name()).ToHashSet();
            if (o.Only?.FirstOrDefault(p => !known.Contains(p)) is { } unknown) throw new ArgumentException($"--only: no phase is called '{unknown}'.");
            return o;
        }

        private static int Positive(string name, string value) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a whole number above 0, not '{value}'.");

        private static double RateOf(string name, string value) =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : throw new ArgumentException($"{name} takes a number above 0, not '{value}'.");
    }
}
