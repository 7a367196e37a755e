using System.Text.Json.Nodes;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Teams;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Teams;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TeamsMessengerTests
{
    private const string Channel = "19:channel@thread.tacv2";

    private static ConversationHandle ChannelHandle(BotApplication bot, string fromAad = BotApplication.ConsumerAad) => new(
        new ConversationAddress(Platform.Teams, BotApplication.TenantId, $"{Channel};messageid=1", ConversationKind.Channel),
        TeamsActivities.Reference(bot, "channel", fromAad));

    private static ConversationHandle PersonalHandle(BotApplication bot) => new(
        new ConversationAddress(Platform.Teams, BotApplication.TenantId, $"a:personal-{BotApplication.ConsumerAad}", ConversationKind.Personal),
        TeamsActivities.Reference(bot));

    private static Person Consumer => new(Platform.Teams, BotApplication.ConsumerAad, "Test User");

    private static IMessenger Messenger(BotApplication bot) => bot.Services.GetRequiredService<IMessenger>();

    private static Reply.Card Card(string text) => new(new JsonObject
    {
        ["type"] = "AdaptiveCard", ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
    }, text);

    [Fact]
    public async Task A_new_channel_post_goes_to_the_channel_and_its_handle_names_the_new_thread()
    {
        await using var bot = await BotApplication.StartAsync();

        var posted = await Messenger(bot).PostAsync(ChannelHandle(bot), Card("FB-1 triage"), null, CancellationToken.None);

        var sent = Assert.Single(bot.Teams.Sent);
        Assert.Equal($"/v3/conversations/{Channel}/activities", sent.Path);
        Assert.Contains("FB-1 triage", sent.Body);
        Assert.StartsWith("activity-", posted.MessageId);
        Assert.Equal($"{Channel};messageid={posted.MessageId}", TeamsReference.Parse(posted.Conversation.Reference).Conversation.Id);
        Assert.Equal(ConversationKind.Channel, posted.Conversation.Address.Kind);
    }

    [Fact]
    public async Task A_post_in_a_thread_replies_to_that_channel_message()
    {
        await using var bot = await BotApplication.StartAsync();

        var posted = await Messenger(bot).PostAsync(ChannelHandle(bot), new Reply.Text("The reporter answered: it happens on page 2."), "root-7", CancellationToken.None);

        var sent = Assert.Single(bot.Teams.Sent);
        Assert.Equal($"/v3/conversations/{Channel};messageid=root-7/activities/root-7", sent.Path);
        Assert.Equal("The reporter answered: it happens on page 2.", (string?)sent.Json!["text"]);
        Assert.Equal("root-7", (string?)sent.Json["replyToId"]);
        Assert.StartsWith("activity-", posted.MessageId);
    }

    [Fact]
    public async Task An_update_replaces_the_posted_activity()
    {
        await using var bot = await BotApplication.StartAsync();
        var messenger = Messenger(bot);
        var posted = await messenger.PostAsync(ChannelHandle(bot), Card("New"), null, CancellationToken.None);

        await messenger.UpdateAsync(posted, Card("Accepted by Pat"), CancellationToken.None);

        var update = Assert.Single(bot.Teams.Updated);
        Assert.Equal($"/v3/conversations/{Channel};messageid={posted.MessageId}/activities/{posted.MessageId}", update.Path);
        Assert.Contains("Accepted by Pat", update.Json!["attachments"]![0]!["content"]!.ToJsonString());
    }

    [Fact]
    public async Task Notifying_a_person_seen_in_a_channel_opens_their_personal_chat_and_posts_there()
    {
        await using var bot = await BotApplication.StartAsync();

        var sent = await Messenger(bot).NotifyAsync(Consumer, ChannelHandle(bot), new Reply.Text("FB-1 was accepted."), CancellationToken.None);

        var created = Assert.Single(bot.Teams.Created);
        Assert.Equal([$"29:{BotApplication.ConsumerAad}"], created.Members);
        Assert.Equal(BotApplication.TenantId, created.TenantId);
        Assert.False((bool?)created.Body["isGroup"]);
        var message = Assert.Single(bot.Teams.Sent);
        Assert.Equal($"/v3/conversations/{created.Id}/activities", message.Path);
        Assert.Equal("FB-1 was accepted.", (string?)message.Json!["text"]);
        Assert.Equal(new ConversationAddress(Platform.Teams, BotApplication.TenantId, created.Id, ConversationKind.Personal), sent.Conversation.Address);
        var reference = TeamsReference.Parse(sent.Conversation.Reference);
        Assert.Equal(created.Id, reference.Conversation.Id);
        Assert.Equal(BotApplication.ConsumerAad, reference.User.AadObjectId);
        Assert.Equal(bot.Teams.BaseUrl.ToString(), reference.ServiceUrl);
    }

    [Fact]
    public async Task Notifying_a_person_in_their_personal_chat_posts_there_without_creating_one()
    {
        await using var bot = await BotApplication.StartAsync();

        var sent = await Messenger(bot).NotifyAsync(Consumer, PersonalHandle(bot), Card("FB-2 needs info"), CancellationToken.None);

        Assert.Empty(bot.Teams.Created);
        var message = Assert.Single(bot.Teams.Sent);
        Assert.Equal($"/v3/conversations/a:personal-{BotApplication.ConsumerAad}/activities", message.Path);
        Assert.Equal(ConversationKind.Personal, sent.Conversation.Address.Kind);
    }

    [Fact]
    public async Task A_conversation_that_is_gone_gives_a_clear_error_naming_it()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Teams.FailNext("POST", Channel, 404);

        var error = await Assert.ThrowsAsync<TeamsDeliveryException>(() => Messenger(bot).PostAsync(ChannelHandle(bot), Card("FB-3"), null, CancellationToken.None));

        Assert.Contains(Channel, error.Message);
        Assert.Contains("not found", error.Message);
        Assert.Contains("ConversationNotFound", error.Message);
        Assert.Single(bot.Teams.Requests);
    }

    [Fact]
    public async Task A_bot_removed_from_the_conversation_gives_a_clear_error()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Teams.FailNext("POST", "/v3/conversations", 403);

        var error = await Assert.ThrowsAsync<TeamsDeliveryException>(() =>
            Messenger(bot).NotifyAsync(Consumer, ChannelHandle(bot), new Reply.Text("FB-4 was declined."), CancellationToken.None));

        Assert.Contains("removed", error.Message);
        Assert.Contains($"29:{BotApplication.ConsumerAad}", error.Message);
        Assert.Empty(bot.Teams.Sent);
    }

    [Fact]
    public async Task A_throttled_send_waits_the_retry_after_and_goes_through()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Teams.FailNext("POST", Channel, 429, retryAfterSeconds: 1);
        var started = DateTime.UtcNow;

        var posted = await Messenger(bot).PostAsync(ChannelHandle(bot), Card("FB-5"), null, CancellationToken.None);

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the bot did not wait the Retry-After");
        Assert.Equal(2, bot.Teams.Requests.Count(r => r.Path == $"/v3/conversations/{Channel}/activities"));
        Assert.StartsWith("activity-", posted.MessageId);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(412)]
    public async Task A_temporary_failure_is_tried_again(int status)
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Teams.FailNext("PUT", Channel, status, retryAfterSeconds: 0);
        var handle = ChannelHandle(bot);

        await Messenger(bot).UpdateAsync(new PostedMessage(handle, "card-9"), Card("Declined"), CancellationToken.None);

        Assert.Equal(2, bot.Teams.Requests.Count(r => r.Method == "PUT"));
    }

    [Fact]
    public async Task A_send_that_keeps_failing_gives_up_after_a_few_attempts()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Teams.FailNext("POST", Channel, 503, times: 10, retryAfterSeconds: 0);

        var error = await Assert.ThrowsAsync<Microsoft.Bot.Schema.ErrorResponseException>(() => Messenger(bot).PostAsync(ChannelHandle(bot), Card("FB-6"), null, CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.Response.StatusCode);

        Assert.Equal(TeamsDelivery.MaxAttempts, bot.Teams.Requests.Count(r => r.Method == "POST"));
    }
}
