using System.Diagnostics;
using System.Text.Json.Nodes;

namespace FeedbackBot.Cards.Tests.Cards;

/// <summary>Runs one of the <c>eng/cards/*.mjs</c> scripts with JSON on stdin and parses the JSON it prints.</summary>
public static class NodeScript
{
    public const int ChromiumMissingExitCode = 3;

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonObject Json => JsonNode.Parse(Stdout)?.AsObject() ?? throw new InvalidOperationException("The script printed nothing.");
    }

    public static Result Run(string script, JsonNode input, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(CardFiles.RepoRoot, "eng", "cards", script)])
        {
            WorkingDirectory = CardFiles.RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout}.");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
