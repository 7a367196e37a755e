using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;

namespace FeedbackBot.Tests.Probes;

/// <summary>Signed Slack requests whose text is broken UTF-16: answered and processed, never a 500 that Slack retries forever.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SlackTextProbeTests
{
    [Theory]
    [InlineData("about payments \\ud800")]
    [InlineData("about payments \\udc00 and more")]
    [InlineData("about \\ud83d\\ud83d payments")]
    public async Task A_direct_message_with_a_lone_surrogate_is_answered(string escapedText)
    {
        await using var bot = await BotApplication.StartAsync();
        var envelope = SlackRequests.Event(SlackRequests.DirectMessage("PLACEHOLDER")).Replace("PLACEHOLDER", escapedText);

        var response = await bot.SendSlackEventAsync(envelope);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await bot.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Contains("\ufffd", sent.VisibleText());
        Assert.Single(await bot.InboxRowsAsync());
    }

    [Fact]
    public async Task A_proper_surrogate_pair_is_kept()
    {
        await using var bot = await BotApplication.StartAsync();
        var envelope = SlackRequests.Event(SlackRequests.DirectMessage("PLACEHOLDER")).Replace("PLACEHOLDER", "about pay\\ud83d\\ude00ments");

        await bot.SendSlackEventAsync(envelope);

        var sent = await bot.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Contains("pay\U0001F600ments", sent.VisibleText());
    }

    [Fact]
    public async Task A_button_value_with_a_lone_surrogate_is_not_a_500()
    {
        await using var bot = await BotApplication.StartAsync();
        var payload = SlackRequests.BlockAction("vote|0", "{\"id\":\"PLACEHOLDER\"}").ToJsonString().Replace("PLACEHOLDER", "\\ud800");
        var body = SlackRequests.Form(new() { ["payload"] = payload });

        var response = await bot.SendSlackAsync(SlackRequests.Interactivity, body, SlackRequests.FormContentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_slash_command_with_an_invalid_utf8_sequence_is_answered()
    {
        await using var bot = await BotApplication.StartAsync();
        var body = SlackRequests.Command("about payments PLACEHOLDER").Replace("PLACEHOLDER", "%ED%A0%80");

        var response = await bot.SendSlackAsync(SlackRequests.Commands, body, SlackRequests.FormContentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await bot.Slack.WaitForCallAsync("chat.postMessage");
    }

    [Fact]
    public async Task An_invalid_escape_is_a_400_with_the_reason()
    {
        await using var bot = await BotApplication.StartAsync();
        var envelope = SlackRequests.Event(SlackRequests.DirectMessage("PLACEHOLDER")).Replace("PLACEHOLDER", "help \\uZZZZ");

        var response = await bot.SendSlackEventAsync(envelope);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("malformed JSON", await response.Content.ReadAsStringAsync());
        Assert.Empty(await bot.InboxRowsAsync());
    }
}
