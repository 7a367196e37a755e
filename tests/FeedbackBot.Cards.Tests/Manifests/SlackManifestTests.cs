using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Conversations;
using static FeedbackBot.Cards.Tests.Manifests.ManifestTools;

namespace FeedbackBot.Cards.Tests.Manifests;

public sealed class SlackManifestTests
{
    private const string BaseUrl = "{{BaseUrl}}";

    private static readonly JsonNode Manifest = JsonNode.Parse(
        File.ReadAllText(InRepo("manifests/slack/manifest.json")),
        documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false })!;

    private static string? Text(string path) => (string?)Select(path);

    private static JsonNode? Select(string path) =>
        path.Split('.').Aggregate<string, JsonNode?>(Manifest, (node, key) => int.TryParse(key, out var i) ? node?[i] : node?[key]);

    private static string[] Strings(string path) => Select(path)!.AsArray().Select(n => (string)n!).ToArray();

    [Fact]
    public void All_three_endpoints_point_at_the_base_url()
    {
        Assert.Equal($"{BaseUrl}/api/slack/events", Text("settings.event_subscriptions.request_url"));
        Assert.Equal($"{BaseUrl}/api/slack/interactivity", Text("settings.interactivity.request_url"));
        Assert.True((bool)Select("settings.interactivity.is_enabled")!);

        var command = Assert.Single(Select("features.slash_commands")!.AsArray());
        Assert.Equal($"{BaseUrl}/api/slack/commands", (string?)command!["url"]);
    }

    [Fact]
    public void Declares_the_feedback_command_with_a_hint_of_words_the_bot_understands()
    {
        var command = Select("features.slash_commands.0")!;
        Assert.Equal("/feedback", (string?)command["command"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)command["description"]));

        var hint = (string)command["usage_hint"]!;
        var usages = ConversationRoutes.Commands.Select(c => c.Usage).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(hint.Split('|', StringSplitOptions.TrimEntries), usage => Assert.Contains(usage, usages));
    }

    [Fact]
    public void Declares_the_feedback_shortcuts()
    {
        var shortcuts = Select("features.shortcuts")!.AsArray()
            .ToDictionary(s => (string)s!["callback_id"]!, s => ((string?)s!["type"], (string?)s["name"]));

        Assert.Equal(("global", "Report API feedback"), shortcuts["report_feedback"]);
        Assert.Equal(("message", "Report as API feedback"), shortcuts["report_message"]);
        Assert.Equal(2, shortcuts.Count);
    }

    [Fact]
    public void Subscribes_to_the_bot_events_and_asks_only_for_the_scopes_they_need()
    {
        Assert.Equal(["app_home_opened", "app_mention", "message.im"], Strings("settings.event_subscriptions.bot_events").Order(StringComparer.Ordinal));
        Assert.Equal(
            ["app_mentions:read", "channels:history", "channels:read", "chat:write", "commands", "groups:history", "groups:read", "im:history", "im:read",
                "im:write", "mpim:history", "mpim:read", "users:read"],
            Strings("oauth_config.scopes.bot").Order(StringComparer.Ordinal));
        Assert.Null(Select("oauth_config.scopes.user"));
    }

    [Fact]
    public void Is_a_bot_that_takes_direct_messages_over_http()
    {
        Assert.Equal("FeedbackBot", Text("display_information.name"));
        Assert.Equal("FeedbackBot", Text("features.bot_user.display_name"));
        Assert.True((bool)Select("features.app_home.messages_tab_enabled")!);
        Assert.False((bool)Select("features.app_home.messages_tab_read_only_enabled")!);
        Assert.False((bool)Select("settings.socket_mode_enabled")!);
        Assert.False((bool)Select("settings.org_deploy_enabled")!);
    }

    [Fact]
    public void Respects_the_manifest_limits_slack_enforces()
    {
        Assert.InRange(Text("display_information.name")!.Length, 1, 35);
        Assert.InRange(Text("display_information.description")!.Length, 1, 140);
        Assert.InRange(Text("display_information.long_description")!.Length, 174, 4000);
        Assert.Matches("^#[0-9a-fA-F]{6}$", Text("display_information.background_color"));
        Assert.Matches(@"^[a-z0-9\-_.]+$", Text("features.bot_user.display_name")!.ToLowerInvariant());
        Assert.InRange(Text("features.slash_commands.0.command")!.Length, 2, 32);
        foreach (var shortcut in Select("features.shortcuts")!.AsArray())
        {
            Assert.InRange(((string)shortcut!["name"]!).Length, 1, 24);
            Assert.InRange(((string)shortcut["description"]!).Length, 1, 80);
            Assert.Matches("^[a-z_]+$", (string)shortcut["callback_id"]!);
        }
    }

    [Fact]
    public void Uses_no_placeholder_other_than_the_base_url()
    {
        var placeholders = Regex.Matches(Manifest.ToJsonString(), @"\{\{\s*(\w+)\s*\}\}").Select(m => m.Groups[1].Value).Distinct();

        Assert.Equal(["BaseUrl"], placeholders);
    }
}
