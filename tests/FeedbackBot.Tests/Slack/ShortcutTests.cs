using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Slack;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Slack;

/// <summary>The Slack shortcuts open the report form in a modal; what follows goes to the user's DM, not to the channel.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ShortcutTests
{
    private const string MessageText = "Refunds over 10k fail with a 500 &amp; then show &lt;pending&gt; — cc <@UPM1> see <https://status.example.com|status>";
    private const string ReadableText = "Refunds over 10k fail with a 500 & then show <pending> — cc @UPM1 see status (https://status.example.com)";
    private const string Link = "https://example.slack.com/archives/C0CHANNEL/p1732440600000100";

    private static JsonObject Inputs(JsonObject view) => new(view["blocks"]!.AsArray().OfType<JsonObject>()
        .Where(b => (string?)b["type"] == "input")
        .Select(b => KeyValuePair.Create((string)b["block_id"]!, (JsonNode?)b["element"]!.DeepClone())));

    private static async Task<JsonObject> OpenFromMessageAsync(BotApplication bot)
    {
        var message = SlackRequests.ChatMessage(MessageText, "1732440600.000100");
        var response = await bot.SendSlackInteractionAsync(SlackRequests.Shortcut(SlackInteractions.ReportMessageShortcut, message));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = await bot.Slack.WaitForCallAsync("views.open");
        return open.Json!["view"]!.AsObject();
    }

    [Fact]
    public async Task The_message_shortcut_opens_the_report_form_prefilled_with_the_message_and_its_link()
    {
        await using var bot = await BotApplication.StartAsync();

        var view = await OpenFromMessageAsync(bot);

        Assert.Equal("feedback.submit", (string?)view["callback_id"]);
        Assert.Equal(ReadableText, (string?)Inputs(view)["details"]!["initial_value"]);
        var metadata = ModalOrigin.Parse((string?)view["private_metadata"])!;
        Assert.Equal(Link, metadata.Data["sourceLink"]!.ToString());
        Assert.True(metadata.Direct);
        Assert.Contains($"<{Link}|open the message>", view["blocks"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        BlockKitLimits.AssertModal(view);
        Assert.Empty(bot.Slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task A_report_sent_from_the_shortcut_modal_is_confirmed_in_a_dm_not_in_the_channel()
    {
        await using var bot = await BotApplication.StartAsync();
        var view = await OpenFromMessageAsync(bot);
        var typed = new Dictionary<string, string> { ["api"] = "payments", ["kind"] = "Bug", ["title"] = "Big refunds fail", ["impact"] = "Blocking" };

        var response = await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(view, typed, SlackRequests.Consumer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var confirmation = await bot.WaitForMessageAsync(t => t.Contains("Big refunds fail"), "the confirmation");
        Assert.Equal($"D{SlackRequests.Consumer}", (string?)confirmation.Json!["channel"]);
        Assert.Contains(bot.Slack.Calls("conversations.open"), c => (string?)c.Json!["users"] == SlackRequests.Consumer);
        Assert.DoesNotContain(bot.Slack.Requests, r => r.Body.Contains(SlackRequests.Channel) && r.Path != "/api/views.open");
    }

    [Fact]
    public async Task The_global_shortcut_opens_an_empty_report_form()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackInteractionAsync(SlackRequests.Shortcut(SlackInteractions.ReportFeedbackShortcut));

        var view = (await bot.Slack.WaitForCallAsync("views.open")).Json!["view"]!.AsObject();
        Assert.Equal("feedback.submit", (string?)view["callback_id"]);
        Assert.Null(Inputs(view)["details"]!["initial_value"]);
        Assert.True(ModalOrigin.Parse((string?)view["private_metadata"])!.Direct);
    }

    [Fact]
    public void The_manifest_declares_the_shortcuts_the_adapter_handles()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "manifests", "slack", "manifest.json")))!;
        var shortcuts = manifest["features"]!["shortcuts"]!.AsArray().Select(s => ((string?)s!["callback_id"], (string?)s["type"]));

        Assert.Equal([(SlackInteractions.ReportFeedbackShortcut, "global"), (SlackInteractions.ReportMessageShortcut, "message")], shortcuts);
    }

    [Theory]
    [InlineData("1732440600.000100", "", "https://example.slack.com/archives/C0CHANNEL/p1732440600000100")]
    [InlineData("1732440700.000200", "1732440600.000100", "https://example.slack.com/archives/C0CHANNEL/p1732440700000200?thread_ts=1732440600.000100&cid=C0CHANNEL")]
    public void A_permalink_names_the_message_and_its_thread(string ts, string threadTs, string expected) =>
        Assert.Equal(expected, SlackInteractions.Permalink("example", "C0CHANNEL", ts, threadTs));
}
