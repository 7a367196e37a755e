using System.IO.Compression;
using System.Text.Json.Nodes;
using static FeedbackBot.Cards.Tests.Manifests.ManifestTools;

namespace FeedbackBot.Cards.Tests.Manifests;

[Trait(Needs.Trait, Needs.Node)]
public sealed class TeamsManifestValidatorTests
{
    public static TheoryData<string, string> Breakages => new()
    {
        { "name.short missing", "/name" },
        { "name.short 40 characters", "/name/short" },
        { "description.short 81 characters", "/description/short" },
        { "unknown command", "/bots/0/commandLists/0/commands/8/title" },
        { "duplicate command title", "/bots/0/commandLists/1/commands/8/title" },
        { "placeholder left", "/validDomains/0" },
        { "outline icon is the colour icon", "/icons/outline" },
        { "missing icon file", "/icons/color" },
        { "message action sent to another bot", "/composeExtensions/0/botId" },
        { "unknown message action", "/composeExtensions/0/commands/1/id" },
        { "message action without a dialog", "/composeExtensions/0/commands/0/fetchTask" },
        { "message action title over 32 characters", "/composeExtensions/0/commands/0/title" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Validator_reports_a_broken_manifest_at_the_broken_place(string breakage, string errorPath)
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "app");
        ZipFile.ExtractToDirectory(PackageTeamsApp(temp.Path), folder);
        var manifestPath = Path.Combine(folder, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();

        Break(breakage, manifest, folder);
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        var result = RunNode("manifests/teams/validate.mjs", [manifestPath]);

        Assert.True(result.ExitCode == 1, $"{breakage}: {result}");
        var report = JsonNode.Parse(result.StdOut)!;
        Assert.False((bool)report["valid"]!);
        var paths = report["errors"]!.AsArray().Select(e => (string?)e!["path"]).ToList();
        Assert.Contains(errorPath, paths);
    }

    private static void Break(string breakage, JsonObject manifest, string folder)
    {
        var lists = manifest["bots"]![0]!["commandLists"]!;
        var extension = manifest["composeExtensions"]![0]!.AsObject();
        var commands = extension["commands"]!.AsArray();
        switch (breakage)
        {
            case "name.short missing":
                manifest["name"]!.AsObject().Remove("short");
                break;
            case "name.short 40 characters":
                manifest["name"]!["short"] = new string('F', 40);
                break;
            case "description.short 81 characters":
                manifest["description"]!["short"] = new string('d', 81);
                break;
            case "unknown command":
                lists[0]!["commands"]!.AsArray().Add(new JsonObject { ["title"] = "launch rockets" });
                break;
            case "duplicate command title":
                lists[1]!["commands"]!.AsArray().Add(new JsonObject { ["title"] = "HELP" });
                break;
            case "placeholder left":
                manifest["validDomains"]![0] = "{{BaseHost}}";
                break;
            case "outline icon is the colour icon":
                File.Copy(Path.Combine(folder, "color.png"), Path.Combine(folder, "outline.png"), overwrite: true);
                break;
            case "missing icon file":
                File.Delete(Path.Combine(folder, "color.png"));
                break;
            case "message action sent to another bot":
                extension["botId"] = "11111111-2222-3333-4444-555555555555";
                break;
            case "unknown message action":
                commands.Add(new JsonObject { ["id"] = "launchRockets", ["type"] = "action", ["context"] = new JsonArray("message"), ["fetchTask"] = true, ["title"] = "Launch" });
                break;
            case "message action without a dialog":
                commands[0]!["fetchTask"] = false;
                break;
            case "message action title over 32 characters":
                commands[0]!["title"] = new string('R', 33);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(breakage), breakage, null);
        }
    }
}
