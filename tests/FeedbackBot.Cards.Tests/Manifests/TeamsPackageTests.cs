using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using static FeedbackBot.Cards.Tests.Manifests.ManifestTools;

namespace FeedbackBot.Cards.Tests.Manifests;

[Trait(Needs.Trait, Needs.Node)]
public sealed class TeamsPackageTests
{
    [Fact]
    public void Package_holds_the_filled_in_manifest_and_both_icons_and_passes_the_validator()
    {
        using var temp = new TempFolder();
        var zipPath = PackageTeamsApp(temp.Path);

        var files = ReadZip(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], files.Keys.Order(StringComparer.Ordinal));

        var text = Encoding.UTF8.GetString(files["manifest.json"]);
        Assert.DoesNotContain("{{", text);
        Assert.DoesNotContain("}}", text);

        var manifest = JsonNode.Parse(text)!;
        Assert.Equal(SampleAppId, (string?)manifest["id"]);
        var bot = manifest["bots"]![0]!;
        Assert.Equal(SampleAppId, (string?)bot["botId"]);
        Assert.Equal(["bot.example.com"], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal(SampleBaseUrl, (string?)manifest["developer"]!["websiteUrl"]);
        Assert.Equal(["groupChat", "personal", "team"], bot["scopes"]!.AsArray().Select(s => (string?)s).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["groupChat", "personal", "team"],
            bot["commandLists"]!.AsArray().SelectMany(l => l!["scopes"]!.AsArray().Select(s => (string?)s)).Order(StringComparer.Ordinal));

        var extension = Assert.Single(manifest["composeExtensions"]!.AsArray())!;
        Assert.Equal(SampleAppId, (string?)extension["botId"]);
        var action = Assert.Single(extension["commands"]!.AsArray())!;
        Assert.Equal(("reportMessage", "action", true, "Report as API feedback"),
            ((string?)action["id"], (string?)action["type"], (bool?)action["fetchTask"], (string?)action["title"]));
        Assert.Equal(["message"], action["context"]!.AsArray().Select(c => (string?)c));
        Assert.InRange(((string)action["description"]!).Length, 1, 80);

        Assert.Equal((192, 192), PngSize(files[(string)manifest["icons"]!["color"]!]));
        Assert.Equal((32, 32), PngSize(files[(string)manifest["icons"]!["outline"]!]));

        var extracted = Path.Combine(temp.Path, "extracted");
        ZipFile.ExtractToDirectory(zipPath, extracted);
        var validation = RunNode("manifests/teams/validate.mjs", [Path.Combine(extracted, "manifest.json")]);
        Assert.True(validation.ExitCode == 0, validation.ToString());
        var report = JsonNode.Parse(validation.StdOut)!;
        Assert.True((bool)report["valid"]!);
        Assert.Equal((string?)manifest["manifestVersion"], (string?)report["schemaVersion"]);
    }

    [Fact]
    public void The_template_manifest_passes_the_validator_with_sample_values()
    {
        var result = RunNode("manifests/teams/validate.mjs", []);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True((bool)JsonNode.Parse(result.StdOut)!["template"]!);
    }

    public static TheoryData<string, string[], string> RefusedSettings => new()
    {
        { "empty environment variable", ["--base-url", SampleBaseUrl, "@MicrosoftAppId="], "MicrosoftAppId is empty (read from environment variable MicrosoftAppId)" },
        { "environment variable not a GUID", ["--base-url", SampleBaseUrl, "@MicrosoftAppId=my-bot"], "MicrosoftAppId \"my-bot\"" },
        { "empty --app-id", ["--base-url", SampleBaseUrl, "--app-id", ""], "MicrosoftAppId is empty (read from --app-id)" },
        { "http base URL", ["--base-url", "http://bot.example.com", "--app-id", SampleAppId], "--base-url must be https" },
        { "no base URL", ["--app-id", SampleAppId], "--base-url is required" },
    };

    /// <param name="arguments">Command-line arguments; <c>@NAME=value</c> sets an environment variable instead.</param>
    [Theory]
    [MemberData(nameof(RefusedSettings))]
    public void Package_refuses_a_missing_or_malformed_setting_and_names_it(string because, string[] arguments, string message)
    {
        using var temp = new TempFolder();
        var zipPath = Path.Combine(temp.Path, "FeedbackBot.zip");
        var environment = arguments.Where(a => a.StartsWith('@'))
            .Select(a => a[1..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => (string?)kv[1]);
        var commandLine = arguments.Where(a => !a.StartsWith('@')).Concat(["--out", zipPath]);

        var result = RunNode("manifests/teams/package.mjs", commandLine, environment);

        Assert.True(result.ExitCode == 1, $"{because}: {result}");
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath), $"{because}: a package was written anyway.");
    }
}
