using System.Net;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Slack;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CommandAndEventTests
{
    [Fact]
    public async Task Feedback_about_payments_posts_the_story_to_the_channel()
    {
        await using var bot = await BotApplication.StartAsync();

        var response = await bot.SendSlackCommandAsync("about payments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await bot.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Equal(SlackRequests.Channel, (string?)sent.Json!["channel"]);
        var text = sent.VisibleText();
        Assert.Contains("Payments API", text);
        Assert.Contains("Take card payments with one call.", text);
        Assert.Contains("Checkout teams", text);
        Assert.Equal("https://developer.example.com/payments", (string?)SlackTestKit.Button(sent.Blocks(), "link")["url"]);
        Assert.Equal("Bearer xoxb-test", sent.Headers["Authorization"]);
        Assert.StartsWith("application/json; charset=utf-8", sent.Headers["Content-Type"]);
        BlockKitLimits.AssertMessage(sent.Blocks());
    }

    [Fact]
    public async Task Feedback_help_posts_the_commands()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackCommandAsync("help");

        var sent = await bot.Slack.WaitForCallAsync("chat.postMessage");
        var text = sent.VisibleText();
        Assert.Contains("What I can do for you", text);
        Assert.Contains("`about &lt;api&gt;`", text);
        Assert.DoesNotContain("api add", text);
    }

    [Fact]
    public async Task A_direct_message_is_answered_once_even_when_Slack_delivers_it_again()
    {
        await using var bot = await BotApplication.StartAsync();
        var envelope = SlackRequests.Event(SlackRequests.DirectMessage("apis"), eventId: "Ev0REPLAY1");

        Assert.Equal(HttpStatusCode.OK, (await bot.SendSlackEventAsync(envelope)).StatusCode);
        var first = await bot.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Equal($"D{SlackRequests.Consumer}", (string?)first.Json!["channel"]);
        Assert.Contains("Payments API", first.VisibleText());

        Assert.Equal(HttpStatusCode.OK, (await bot.SendSlackEventAsync(envelope, retry: 1)).StatusCode);
        // A later message is answered; by then a replay answer would have been sent before it.
        await bot.SendSlackEventAsync(SlackRequests.Event(SlackRequests.DirectMessage("help")));
        await bot.WaitForMessageAsync(t => t.Contains("What I can do for you"), "the answer to help");
        Assert.Single(bot.Slack.Calls("chat.postMessage"), c => c.VisibleText().Contains("Payments API"));
        Assert.Equal(2, (await bot.InboxRowsAsync()).Count);
    }

    [Fact]
    public async Task A_mention_in_a_channel_is_answered_without_the_mention()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackEventAsync(SlackRequests.Event(SlackRequests.Mention("about payments")));

        var sent = await bot.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Equal(SlackRequests.Channel, (string?)sent.Json!["channel"]);
        Assert.Contains("Payments API", sent.VisibleText());
    }

    [Fact]
    public async Task The_bots_own_messages_and_edits_are_not_answered()
    {
        await using var bot = await BotApplication.StartAsync();
        var own = SlackRequests.DirectMessage("apis", user: SlackRequests.BotUser);
        var botMessage = SlackRequests.DirectMessage("apis");
        botMessage["bot_id"] = "B0BOT";
        var edit = SlackRequests.DirectMessage("apis");
        edit["subtype"] = "message_changed";

        foreach (var ev in new[] { own, botMessage, edit })
            Assert.Equal(HttpStatusCode.OK, (await bot.SendSlackEventAsync(SlackRequests.Event(ev))).StatusCode);
        await bot.SendSlackEventAsync(SlackRequests.Event(SlackRequests.DirectMessage("help")));

        await bot.WaitForMessageAsync(t => t.Contains("What I can do for you"), "the answer to help");
        Assert.Single(bot.Slack.Requests);
        Assert.Single(await bot.InboxRowsAsync());
    }

    [Fact]
    public async Task Url_verification_answers_the_challenge_and_ssl_check_is_acknowledged()
    {
        await using var bot = await BotApplication.StartAsync();

        var verification = await bot.SendSlackAsync(SlackRequests.Events, SlackRequests.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"), SlackRequests.JsonContentType);
        var sslCheck = await bot.SendSlackAsync(SlackRequests.Commands, SlackRequests.SslCheck(), SlackRequests.FormContentType);

        Assert.Equal(HttpStatusCode.OK, verification.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await verification.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, sslCheck.StatusCode);
        Assert.Equal("", await sslCheck.Content.ReadAsStringAsync());
        Assert.Empty(await bot.InboxRowsAsync());
    }

    [Fact]
    public async Task An_event_type_the_bot_does_not_use_is_acknowledged_and_ignored()
    {
        await using var bot = await BotApplication.StartAsync();
        var ev = new System.Text.Json.Nodes.JsonObject { ["type"] = "app_home_opened", ["user"] = SlackRequests.Consumer, ["channel"] = "DHOME", ["tab"] = "messages" };

        var response = await bot.SendSlackEventAsync(SlackRequests.Event(ev));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await bot.InboxRowsAsync());
    }

    [Fact]
    public async Task A_command_in_a_channel_the_bot_is_not_in_is_answered_in_a_direct_message()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Slack.FailNext("chat.postMessage", "not_in_channel");

        await bot.SendSlackCommandAsync("about payments", channel: "C0NOTJOINED");

        var story = await bot.Slack.WaitForCallAsync("chat.postMessage", m => (string?)m["channel"] == $"D{SlackRequests.Consumer}" && m.ToJsonString().Contains("Payments API"), "the story in a DM");
        Assert.Contains("Checkout teams", story.VisibleText());
        var note = Assert.Single(bot.Slack.Calls("chat.postMessage"), c => c.VisibleText().Contains("not a member"));
        Assert.Contains("<#C0NOTJOINED>", note.VisibleText());
        Assert.Single(bot.Slack.Calls("conversations.open"));
    }

    [Fact]
    public async Task Every_accepted_request_is_in_the_inbox_and_done_after_processing()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackCommandAsync("apis");
        await bot.Slack.WaitForCallAsync("chat.postMessage");

        var row = Assert.Single(await WaitUntilDoneAsync(bot));
        Assert.Equal("Done", row.GetString("Status"));
        Assert.Matches("^inbox-(0[0-9]|1[0-5])$", row.PartitionKey);
        Assert.StartsWith($"{SlackRequests.Team}|", row.RowKey);
        Assert.Contains("text=apis", row.GetString("Body0"));
        Assert.Equal("Command", row.GetString("Kind"));
    }

    private static Task<List<Azure.Data.Tables.TableEntity>> WaitUntilDoneAsync(BotApplication bot) =>
        Eventually.ReadUntilAsync(bot.InboxRowsAsync, rows => rows.All(r => r.GetString("Status") == "Done"), "every inbox row to be Done",
            TimeSpan.FromSeconds(10));
}
