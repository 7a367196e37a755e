using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Slack;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class BadInputTests
{
    [Fact]
    public async Task An_empty_command_points_to_help()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackCommandAsync("");

        var sent = await bot.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Contains("`help`", sent.VisibleText());
    }

    [Fact]
    public async Task Forty_thousand_characters_get_a_clear_answer()
    {
        await using var bot = await BotApplication.StartAsync();

        var response = await bot.SendSlackCommandAsync("about " + new string('x', 40_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await bot.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Contains("characters long", sent.VisibleText());
        Assert.Contains("Please shorten it", sent.VisibleText());
        var row = Assert.Single(await bot.InboxRowsAsync());
        Assert.True(row.GetInt32("BodyParts") > 1);
    }

    [Fact]
    public async Task Control_characters_are_read_as_spaces_or_dropped()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackCommandAsync("about\u0000\u0007 pay\u0001ments\u001b");

        var sent = await bot.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Contains("Take card payments with one call.", sent.VisibleText());
    }

    [Fact]
    public async Task An_unknown_api_name_gets_a_friendly_answer_with_the_name_escaped()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackCommandAsync("about <!here> weather");

        var sent = await bot.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Contains("I don't know an API called \"&lt;!here&gt; weather\"", sent.VisibleText());
    }

    [Fact]
    public async Task Malformed_json_in_payload_is_a_400_with_the_reason()
    {
        await using var bot = await BotApplication.StartAsync();

        var response = await bot.SendSlackAsync(SlackRequests.Interactivity, SlackRequests.Form(new() { ["payload"] = "{\"type\": \"block_actions\"," }), SlackRequests.FormContentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed JSON in payload", await response.Content.ReadAsStringAsync());
        Assert.Empty(await bot.InboxRowsAsync());
    }

    [Fact]
    public async Task A_missing_payload_or_malformed_event_is_a_400()
    {
        await using var bot = await BotApplication.StartAsync();

        var noPayload = await bot.SendSlackAsync(SlackRequests.Interactivity, "token=abc", SlackRequests.FormContentType);
        var badEvent = await bot.SendSlackAsync(SlackRequests.Events, "{not json", SlackRequests.JsonContentType);

        Assert.Equal(HttpStatusCode.BadRequest, noPayload.StatusCode);
        Assert.Equal("missing payload", await noPayload.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badEvent.StatusCode);
        Assert.Empty(bot.Slack.Requests);
    }

    [Fact]
    public async Task An_interactivity_payload_of_unknown_type_is_a_400()
    {
        await using var bot = await BotApplication.StartAsync();
        var payload = new JsonObject { ["type"] = "dialog_submission", ["team"] = new JsonObject { ["id"] = SlackRequests.Team } };

        var response = await bot.SendSlackInteractionAsync(payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported payload type 'dialog_submission'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Slacks_example_payloads_with_a_trailing_comma_are_read()
    {
        await using var bot = await BotApplication.StartAsync();
        var envelope = SlackRequests.Event(SlackRequests.DirectMessage("apis"));

        await bot.SendSlackEventAsync(envelope[..^1] + ",}");

        await bot.Slack.WaitForCallAsync("chat.postMessage");
    }

    [Fact]
    public async Task A_click_on_a_button_of_a_card_the_bot_no_longer_knows_is_answered_to_the_clicker_alone()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackInteractionAsync(SlackRequests.BlockAction("survey.vote|3", "{}"));

        var sent = await bot.Slack.WaitForCallAsync("chat.postEphemeral");
        Assert.Equal(SlackRequests.Consumer, (string?)sent.Json!["user"]);
        Assert.Contains("no longer know about", sent.VisibleText());
    }
}
