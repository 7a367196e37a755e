using FeedbackBot.Slack;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Operations;

/// <summary>chat.postMessage is not idempotent: after an ambiguous failure the bot looks before it posts again.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PostedOnceTests
{
    [Fact]
    public async Task A_message_slack_stored_before_answering_500_is_found_in_the_history_and_not_posted_again()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Slack.PostThenFailNext();
        var client = bot.Services.GetRequiredService<SlackApiClient>();

        var ts = await client.PostMessageAsync(SlackRequests.Channel, "hello once", null, CancellationToken.None);

        var posted = Assert.Single(bot.Slack.Messages(SlackRequests.Channel));
        Assert.Equal(ts, (string?)posted["ts"]);
        Assert.Equal(SlackApiClient.DeliveryEvent, (string?)posted["metadata"]!["event_type"]);
        Assert.Single(bot.Slack.Calls("conversations.history"));
    }

    [Fact]
    public async Task A_message_slack_did_not_store_is_posted_after_the_look_finds_nothing()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Slack.ServerErrorNext("chat.postMessage");
        var client = bot.Services.GetRequiredService<SlackApiClient>();

        await client.PostMessageAsync(SlackRequests.Channel, "hello", null, CancellationToken.None);

        Assert.Single(bot.Slack.Messages(SlackRequests.Channel));
        Assert.Equal(2, bot.Slack.Calls("chat.postMessage").Count);
    }

    [Fact]
    public async Task A_reply_in_a_thread_is_looked_for_in_that_thread()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Slack.PostThenFailNext();
        var client = bot.Services.GetRequiredService<SlackApiClient>();

        await client.PostMessageAsync(SlackRequests.Channel, "1700000000.000001", "in the thread", null, CancellationToken.None);

        Assert.Single(bot.Slack.Messages(SlackRequests.Channel));
        Assert.Equal("1700000000.000001", (string?)bot.Slack.Calls("conversations.replies").Single().Json!["ts"]);
    }
}
