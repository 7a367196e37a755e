using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FeedbackBot.Tests.Infrastructure;

/// <summary>
/// A real Azurite table service for the whole test run: the one named by FEEDBACKBOT_TEST_STORAGE if set,
/// else one started here from the repository's node_modules on a free loopback port, in memory.
/// Each test app gets its own table prefix, so tests never see each other's data.
/// </summary>
public static class Azurite
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly Lazy<string> Started = new(Start);

    public static string ConnectionString => Started.Value;

    private static string Start()
    {
        var given = Environment.GetEnvironmentVariable("FEEDBACKBOT_TEST_STORAGE");
        if (!string.IsNullOrWhiteSpace(given)) return given;

        var script = System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script)) throw new InvalidOperationException($"Azurite is not installed ({script} missing): run `npm ci` at the repository root.");

        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("node",
            [script, "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--tableHost", "127.0.0.1", "--tablePort", port.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };

        WaitUntilListening(port, process);
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitUntilListening(int port, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"Azurite exited at start with code {process.ExitCode}.");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException("Azurite did not start listening within 120 seconds.");
    }
}
