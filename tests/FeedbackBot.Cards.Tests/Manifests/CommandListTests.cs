using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Conversations;
using static FeedbackBot.Cards.Tests.Manifests.ManifestTools;

namespace FeedbackBot.Cards.Tests.Manifests;

/// <summary>The manifests advertise the words the bot understands: commands.json mirrors the bot's routes.</summary>
public sealed class CommandListTests
{
    [Fact]
    public void Commands_json_lists_exactly_the_bots_commands()
    {
        var listed = JsonNode.Parse(File.ReadAllText(InRepo("manifests/teams/commands.json")))!["commands"]!.AsArray()
            .Select(c => ((string?)c!["words"], (string?)c["usage"], (string?)c["audience"]))
            .Order()
            .ToList();
        var routes = ConversationRoutes.Commands
            .Where(c => c.Audience != Audience.Hidden)
            .Select(c => ((string?)c.Words, (string?)c.Usage, (string?)JsonNamingPolicy.CamelCase.ConvertName(c.Audience.ToString())))
            .Order()
            .ToList();

        Assert.Equal(routes, listed);
    }

    [Fact]
    public void Every_teams_command_title_is_a_command_the_bot_understands()
    {
        var words = ConversationRoutes.Commands.Where(c => c.Audience != Audience.Hidden).Select(c => c.Words).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var manifest = JsonNode.Parse(File.ReadAllText(InRepo("manifests/teams/manifest.json")))!;
        var titles = manifest["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany(l => l!["commands"]!.AsArray().Select(c => (string)c!["title"]!))
            .ToList();

        Assert.NotEmpty(titles);
        Assert.All(titles, title => Assert.Contains(title, words));
    }
}
