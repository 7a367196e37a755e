using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Builder;

namespace FeedbackBot.Benchmarks.Turns;

/// <summary>
/// A server under load in a process of its own (this program run with <c>--serve</c>), so its CPU time is its own and
/// not the load generator's or the fakes'. It prints READY once it listens; closing its stdin stops it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long outputLines;
    private int tellNext;
    private int failures;
    private readonly Queue<string> lastLines = new();

    private ServerProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Lines the server wrote to its console (its log, for FeedbackBot) since it started.</summary>
    public long OutputLines => Interlocked.Read(ref outputLines);

    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public static async Task<ServerProcess> StartAsync(ServeOptions serve, Action<string> progress)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // Started as `dotnet FeedbackBot.Benchmarks.dll` the path is dotnet's: name the program again.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var arg in serve.ToArgs()) info.ArgumentList.Add(arg);
        // The host's own setting (an ASP.NET Core app runs with server GC), for every server alike.
        info.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start the {serve.Kind} server.");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{serve.Port}/"));
        process.OutputDataReceived += (_, e) => server.Saw(e.Data, progress);
        process.ErrorDataReceived += (_, e) => server.Saw(e.Data, progress);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(server.ready.Task, exited, Task.Delay(TimeSpan.FromMinutes(30))) != server.ready.Task)
        {
            var exit = process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "none, still running";
            await server.DisposeAsync();
            throw new InvalidOperationException($"The {serve.Kind} server did not start (exit code {exit}); its last lines:\n{string.Join('\n', server.lastLines)}");
        }
        return server;
    }

    private void Saw(string? line, Action<string> progress)
    {
        if (line is null) return;
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 20) lastLines.Dequeue();
        }
        if (line == "READY") ready.TrySetResult();
        else if (line.StartsWith("PROGRESS ", StringComparison.Ordinal)) progress(line["PROGRESS ".Length..]);
        else
        {
            Interlocked.Increment(ref outputLines);
            // A failure's first lines (the category, then the message) tell what went wrong; the first few are enough.
            if ((line.Contains("fail:", StringComparison.Ordinal) || line.StartsWith("Unhandled", StringComparison.Ordinal)) && Interlocked.Increment(ref failures) <= 5) tellNext = 2;
            if (tellNext > 0)
            {
                tellNext--;
                progress($"server said: {line}");
            }
        }
    }

    /// <summary>The server's table requests so far, by operation (see <see cref="StorageCount"/>).</summary>
    public async Task<IReadOnlyDictionary<string, long>> StorageAsync(HttpClient http) =>
        await http.GetFromJsonAsync<Dictionary<string, long>>(new Uri(Url, "bench/storage")) ?? [];

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }

    /// <summary>The <c>--serve</c> side: runs one server until stdin closes.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var serve = ServeOptions.Parse(args);
        var count = new StorageCount(serve.TablePrefix);
        if (serve.Kind == "bot")
        {
            // WebApplicationFactory finds the app's content root through the manifest beside this program.
            Directory.SetCurrentDirectory(AppContext.BaseDirectory);
            await using var bot = new BotServer(serve, count);
            bot.UseKestrel(o => o.Listen(IPAddress.Loopback, serve.Port));
            bot.StartServer();
            if (serve.OpenReports > 0) await bot.SeedAsync(serve.OpenReports, m => Console.WriteLine($"PROGRESS {m}"));
            Console.WriteLine("READY");
            await Console.In.ReadToEndAsync();
            return 0;
        }
        await using WebApplication app = serve.Kind switch
        {
            "slack-floor" => Floors.SlackFloor(serve, count),
            "echo-floor" => Floors.EchoFloor(serve, setUpOnce: false),
            "echo-floor-set-up-once" => Floors.EchoFloor(serve, setUpOnce: true),
            _ => throw new ArgumentException($"Unknown server {serve.Kind}."),
        };
        await app.StartAsync();
        Console.WriteLine("READY");
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }
}
