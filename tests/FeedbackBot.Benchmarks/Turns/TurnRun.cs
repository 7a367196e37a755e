using System.Diagnostics;
using System.Globalization;

namespace FeedbackBot.Benchmarks.Turns;

/// <summary>The figures of one phase: a kind of turn at a fixed rate against one server.</summary>
public sealed record PhaseResult(
    TurnKind Kind, int Requests, int Acknowledged, TimeSpan? AckP50, TimeSpan? AckP99, int Replies, double RepliesPerSecond,
    TimeSpan? ReplyP50, TimeSpan? ReplyP99, int RepliesWithin2s, double ServerCpuMs, double AzuriteCpuMs, double? StorageRoundTrips,
    IReadOnlyDictionary<string, double> StorageByOperation, double LogLinesPerTurn, long OtherMessages, string Others);

/// <summary>Runs the phases of the turn benchmark against one server after another and prints what each turn cost.</summary>
public sealed class TurnRun(TurnRunSettings settings, Stopwatch clock, ReplySink sink, HttpClient http)
{
    private readonly List<PhaseResult> results = [];
    private int phaseNumber;

    public async Task PhasesAsync(ServeOptions serve, IReadOnlyList<TurnKind> kinds)
    {
        Console.Error.WriteLine($"Starting the {serve.Kind} server{(serve.OpenReports > 0 ? $" and seeding {serve.OpenReports} open reports per tenant" : "")} ...");
        await using var server = await ServerProcess.StartAsync(serve, m => Console.Error.WriteLine($"  {m}"));
        foreach (var kind in kinds)
        {
            // JIT, connection pools, tables created on first use: a short, slower run first, not counted.
            await RunAsync(server, kind, Math.Min(settings.Rate, 50), Math.Max(50, (int)settings.Rate), measured: false);
            var result = await RunAsync(server, kind, settings.Rate, (int)(settings.Rate * settings.Seconds), measured: true);
            results.Add(result!);
            Print(result!);
        }
    }

    private async Task<PhaseResult?> RunAsync(ServerProcess server, TurnKind kind, double rate, int count, bool measured)
    {
        var run = $"P{++phaseNumber}";
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = server.Url, Timeout = Timeout.InfiniteTimeSpan };
        using var _ = client;
        Console.Error.WriteLine($"{(measured ? "Measuring" : "Warming up")} {kind.Name()}: {count} requests at {rate.ToString(CultureInfo.InvariantCulture)}/s ...");
        var storageBefore = HasStorageCount(kind) ? await server.StorageAsync(http) : null;
        var cpuBefore = server.Cpu;
        var azuriteBefore = AzuriteCpu.Read();
        var logBefore = server.OutputLines;
        var callsBefore = sink.Calls;

        var window = TimeSpan.FromSeconds(settings.WindowSeconds);
        var outcomes = await OpenLoad.RunAsync(client, clock, rate, count, n => TurnRequests.For(kind, run, n, sink.BaseUrl, settings.SigningSecret), window);
        var expectsReply = kind != TurnKind.SlackFloor;
        var deadline = outcomes[^1].Due + window;
        while (expectsReply && clock.Elapsed < deadline && outcomes.Any(o => o.Status == 200 && sink.FirstReplyTo(o.ReplyTo) is null))
            await Task.Delay(100);
        // Proactive posts (a triage card) may trail the reply a little.
        await Task.Delay(500);
        var end = clock.Elapsed;

        var cpu = server.Cpu - cpuBefore;
        var azurite = AzuriteCpu.Read() - azuriteBefore;
        var storageAfter = storageBefore is null ? null : await server.StorageAsync(http);
        if (!measured) return null;

        foreach (var o in outcomes) o.Reply = sink.FirstReplyTo(o.ReplyTo) is { } at && at - o.Due <= window ? at - o.Due : null;
        var acks = outcomes.Where(o => o.Status == 200).Select(o => o.Acknowledged!.Value - o.Due).ToList();
        var replies = outcomes.Where(o => o.Reply is not null).Select(o => o.Reply!.Value).ToList();
        var lastReply = outcomes.Where(o => o.Reply is not null).Select(o => o.Due + o.Reply!.Value).DefaultIfEmpty(end).Max();
        var seconds = (lastReply - outcomes[0].Due).TotalSeconds;
        var storage = storageAfter is null ? null : Delta(storageBefore!, storageAfter, count);
        var otherMessages = sink.Calls - callsBefore - replies.Count;
        return new PhaseResult(kind, count, acks.Count, OpenLoad.Percentile(acks, 50), OpenLoad.Percentile(acks, 99), replies.Count,
            replies.Count / Math.Max(seconds, 0.001), OpenLoad.Percentile(replies, 50), OpenLoad.Percentile(replies, 99),
            replies.Count(r => r <= TimeSpan.FromSeconds(2)), cpu.TotalMilliseconds / count, azurite.TotalMilliseconds / count,
            storage?.Values.Sum(), storage ?? new Dictionary<string, double>(), (double)(server.OutputLines - logBefore) / count, otherMessages,
            string.Concat(outcomes.Where(o => o.Status != 200).GroupBy(o => o.Status).Select(g => $", {g.Count()} x {(g.Key == 0 ? "no answer" : g.Key.ToString(CultureInfo.InvariantCulture))}")));
    }

    private static bool HasStorageCount(TurnKind kind) => kind is not (TurnKind.EchoFloor or TurnKind.EchoFloorSetUpOnce);

    private static Dictionary<string, double> Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, int turns) =>
        after.Select(a => (a.Key, Value: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(a => a.Value > 0)
            .ToDictionary(a => a.Key, a => (double)a.Value / turns);

    private void Print(PhaseResult r)
    {
        var o = Console.Out;
        o.WriteLine($"== {r.Kind.Name()}: {r.Requests} requests at {settings.Rate.ToString(CultureInfo.InvariantCulture)}/s");
        o.WriteLine($"   acknowledged: {r.Acknowledged} of {r.Requests} with 200{r.Others}; p50 {Ms(r.AckP50)}, p99 {Ms(r.AckP99)} (from when each was due)");
        if (r.Kind != TurnKind.SlackFloor)
            o.WriteLine($"   replies: {r.Replies} within {settings.WindowSeconds} s ({r.RepliesWithin2s} within 2 s), {r.RepliesPerSecond:0.0}/s; " +
                $"p50 {Ms(r.ReplyP50)}, p99 {Ms(r.ReplyP99)}; other messages sent: {r.OtherMessages}");
        o.WriteLine($"   CPU per turn: server {r.ServerCpuMs:0.00} ms, Azurite {r.AzuriteCpuMs:0.00} ms{Ratios(r)}; log lines per turn {r.LogLinesPerTurn:0.0}");
        if (r.StorageRoundTrips is { } trips)
            o.WriteLine($"   table round trips per turn: {trips:0.00} ({string.Join(", ", r.StorageByOperation.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value:0.00}"))})");
    }

    private string Ratios(PhaseResult r)
    {
        if (r.Kind.IsFloor()) return "";
        var floors = results.Where(f => f.Kind.IsFloor() && f.Kind.IsSlack() == r.Kind.IsSlack()).ToList();
        return string.Concat(floors.Select(f => $"; {r.ServerCpuMs / f.ServerCpuMs:0.0}x {f.Kind.Name()}"));
    }

    private static string Ms(TimeSpan? t) => t is { } v ? $"{v.TotalMilliseconds:0.0} ms" : "-";

    public void PrintSummary()
    {
        var o = Console.Out;
        o.WriteLine();
        o.WriteLine($"| turn | ack p50 | ack p99 | replies/s | reply p99 | within 2 s | server CPU/turn | Azurite CPU/turn | table round trips |");
        o.WriteLine($"|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            o.WriteLine($"| {r.Kind.Name()} | {Ms(r.AckP50)} | {Ms(r.AckP99)} | {(r.Kind == TurnKind.SlackFloor ? "-" : r.RepliesPerSecond.ToString("0.0", CultureInfo.InvariantCulture))} " +
                $"| {(r.Kind == TurnKind.SlackFloor ? "-" : Ms(r.ReplyP99))} | {(r.Kind == TurnKind.SlackFloor ? "-" : $"{r.RepliesWithin2s}/{r.Requests}")} " +
                $"| {r.ServerCpuMs:0.00} ms{Ratios(r)} | {r.AzuriteCpuMs:0.00} ms | {(r.StorageRoundTrips is { } t ? t.ToString("0.00", CultureInfo.InvariantCulture) : "-")} |");
        }
    }
}

public sealed record TurnRunSettings(double Rate, int Seconds, int WindowSeconds, string SigningSecret);

/// <summary>CPU time of the Azurite node process this program started (from /proc), zero where that cannot be read.</summary>
public static class AzuriteCpu
{
    public static TimeSpan Read()
    {
        if (!OperatingSystem.IsLinux()) return TimeSpan.Zero;
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (!stat.Contains("(node)", StringComparison.Ordinal)) continue;
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] != self) continue;
                // utime and stime, fields 14 and 15 of stat (11 and 12 after the command), in clock ticks (100 a second).
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                return TimeSpan.FromMilliseconds(ticks * 10);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or FormatException)
            {
            }
        }
        return TimeSpan.Zero;
    }
}
