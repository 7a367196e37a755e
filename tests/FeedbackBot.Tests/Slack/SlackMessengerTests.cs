using System.Text.Json.Nodes;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Slack;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Slack;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SlackMessengerTests
{
    private const string TriageChannel = "C0TRIAGE";

    private static readonly ConversationHandle Triage =
        new(new ConversationAddress(Platform.Slack, SlackRequests.Team, TriageChannel, ConversationKind.Channel), TriageChannel);

    private static IMessenger Messenger(BotApplication bot) => bot.Services.GetRequiredService<IMessenger>();

    private static Reply.Card Card(string text) => new(new JsonObject
    {
        ["type"] = "AdaptiveCard", ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
    }, text);

    [Fact]
    public async Task A_post_goes_to_the_channel_and_returns_its_ts()
    {
        await using var bot = await BotApplication.StartAsync();

        var posted = await Messenger(bot).PostAsync(Triage, Card("FB-1 · Pagination skips page 2"), null, CancellationToken.None);

        var call = Assert.Single(bot.Slack.Calls("chat.postMessage"));
        Assert.Equal(TriageChannel, (string?)call.Json!["channel"]);
        Assert.Null(call.Json["thread_ts"]);
        Assert.Contains("Pagination skips page 2", call.VisibleText());
        Assert.Equal("Bearer xoxb-test", call.Headers["Authorization"]);
        Assert.Matches(@"^\d+\.\d+$", posted.MessageId);
        Assert.Equal(Triage, posted.Conversation);
    }

    [Fact]
    public async Task A_post_in_a_thread_carries_thread_ts()
    {
        await using var bot = await BotApplication.StartAsync();

        await Messenger(bot).PostAsync(Triage, new Reply.Text("The reporter answered: only on page 2."), "1700000000.000050", CancellationToken.None);

        var call = Assert.Single(bot.Slack.Calls("chat.postMessage"));
        Assert.Equal("1700000000.000050", (string?)call.Json!["thread_ts"]);
        Assert.Contains("The reporter answered: only on page 2.", call.VisibleText());
    }

    [Fact]
    public async Task An_update_replaces_the_posted_message()
    {
        await using var bot = await BotApplication.StartAsync();
        var messenger = Messenger(bot);
        var posted = await messenger.PostAsync(Triage, Card("New"), null, CancellationToken.None);

        await messenger.UpdateAsync(posted, Card("Accepted by Pat"), CancellationToken.None);

        var update = Assert.Single(bot.Slack.Calls("chat.update"));
        Assert.Equal(TriageChannel, (string?)update.Json!["channel"]);
        Assert.Equal(posted.MessageId, (string?)update.Json["ts"]);
        Assert.Contains("Accepted by Pat", update.VisibleText());
    }

    [Fact]
    public async Task Notifying_a_person_opens_their_dm_and_posts_there()
    {
        await using var bot = await BotApplication.StartAsync();
        var reporter = new Person(Platform.Slack, SlackRequests.Consumer);

        var sent = await Messenger(bot).NotifyAsync(reporter, Triage, new Reply.Text("FB-1 was accepted."), CancellationToken.None);

        var open = Assert.Single(bot.Slack.Calls("conversations.open"));
        Assert.Equal(SlackRequests.Consumer, (string?)open.Json!["users"]);
        var message = Assert.Single(bot.Slack.Calls("chat.postMessage"));
        var dm = $"D{SlackRequests.Consumer}";
        Assert.Equal(dm, (string?)message.Json!["channel"]);
        Assert.Contains("FB-1 was accepted.", message.VisibleText());
        Assert.Equal(new ConversationHandle(new ConversationAddress(Platform.Slack, SlackRequests.Team, dm, ConversationKind.Personal), dm), sent.Conversation);
        Assert.Equal(["/api/conversations.open", "/api/chat.postMessage"], bot.Slack.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_second_notification_posts_into_the_kept_dm_and_a_dm_slack_no_longer_knows_is_opened_again()
    {
        await using var bot = await BotApplication.StartAsync();
        var reporter = new Person(Platform.Slack, SlackRequests.Consumer);

        await Messenger(bot).NotifyAsync(reporter, Triage, new Reply.Text("FB-1 was accepted."), CancellationToken.None);
        await Messenger(bot).NotifyAsync(reporter, Triage, new Reply.Text("FB-1 shipped."), CancellationToken.None);
        Assert.Single(bot.Slack.Calls("conversations.open"));
        Assert.Equal(2, bot.Slack.Calls("chat.postMessage").Count(c => (string?)c.Json!["channel"] == $"D{SlackRequests.Consumer}"));

        bot.Slack.FailNext("chat.postMessage", "channel_not_found");
        await Messenger(bot).NotifyAsync(reporter, Triage, new Reply.Text("FB-2 was declined."), CancellationToken.None);
        Assert.Equal(2, bot.Slack.Calls("conversations.open").Count);
        // The kept DM was refused, then opened again and posted into.
        Assert.Equal(2, bot.Slack.Calls("chat.postMessage").Count(c => c.VisibleText().Contains("FB-2 was declined.")));
        Assert.Equal("conversations.open", bot.Slack.Requests[^2].Path.Split('/')[^1]);
    }

    [Fact]
    public async Task A_channel_the_bot_left_gives_slacks_error()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Slack.FailNext("chat.postMessage", "not_in_channel");

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Messenger(bot).PostAsync(Triage, Card("FB-2"), null, CancellationToken.None));

        Assert.Equal("not_in_channel", error.Error);
        Assert.Contains("chat.postMessage", error.Message);
    }

    [Fact]
    public async Task A_rate_limited_post_waits_and_goes_through()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Slack.RateLimitNext("chat.postMessage", retryAfterSeconds: 1);

        var posted = await Messenger(bot).PostAsync(Triage, Card("FB-3"), null, CancellationToken.None);

        Assert.Equal(2, bot.Slack.Calls("chat.postMessage").Count);
        Assert.Matches(@"^\d+\.\d+$", posted.MessageId);
    }
}
