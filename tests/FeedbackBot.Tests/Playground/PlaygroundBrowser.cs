using System.Diagnostics;
using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Playground;

/// <summary>Runs <c>flows.mjs</c> (Playwright with Debian's Chromium) against a running playground and returns what the person saw.</summary>
public static class PlaygroundBrowser
{
    public const int ChromiumMissingExitCode = 3;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    public static JsonObject Run(Uri playground, string flow, string? title = null, string? screenshots = null)
    {
        var script = Path.Combine(RepositoryRoot.Path, "tests", "FeedbackBot.Tests", "Playground", "flows.mjs");
        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var input = new JsonObject
        {
            ["url"] = playground.ToString(), ["flow"] = flow, ["out"] = screenshots ?? Path.Combine(Path.GetTempPath(), "playground-failures"),
        };
        if (title is not null) input["title"] = title;
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"flows.mjs {flow} did not finish within {Timeout}.");
        }
        if (process.ExitCode == ChromiumMissingExitCode)
            throw new Xunit.Sdk.XunitException($"These tests drive Debian's Chromium: {stderr.Result.Trim()}");
        if (process.ExitCode != 0) throw new Xunit.Sdk.XunitException($"flows.mjs {flow} failed ({process.ExitCode}): {stderr.Result}");
        var result = JsonNode.Parse(stdout.Result)!.AsObject();
        if (result["error"] is { } error)
            throw new Xunit.Sdk.XunitException($"In the browser, {flow}: {error}; problems: {result["problems"]?.ToJsonString()}");
        return result;
    }
}
