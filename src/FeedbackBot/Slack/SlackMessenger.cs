using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Messaging;
using FeedbackBot.Storage;

namespace FeedbackBot.Slack;

/// <summary>
/// Messages the bot sends on its own in Slack: chat.postMessage into a channel (or a message's thread), chat.update of
/// a posted card, and a DM to a person (conversations.open the first time, kept in <see cref="SlackDirectMessages"/>,
/// then chat.postMessage there).
/// </summary>
public sealed class SlackMessenger(IHttpClientFactory clients, SlackDirectMessages directMessages, ILogger<SlackMessenger> log) : IPlatformMessenger
{
    public Platform Platform => Platform.Slack;

    /// <summary>A client per send: this messenger lives as long as the app, and a typed client kept that long would never renew its connections.</summary>
    private SlackApiClient Slack() => new(clients.CreateClient(nameof(SlackApiClient)));

    public async Task<PostedMessage> PostAsync(ConversationHandle to, Reply reply, string? threadOf, CancellationToken cancellationToken)
    {
        var channel = ChannelOf(to);
        var message = Render(reply);
        var ts = await ReportedAsync(channel, () => Slack().PostMessageAsync(channel, threadOf, message.Text, message.Blocks, cancellationToken));
        return new PostedMessage(to, ts);
    }

    public Task UpdateAsync(PostedMessage message, Reply.Card card, CancellationToken cancellationToken)
    {
        var channel = ChannelOf(message.Conversation);
        var rendered = BlockKitRenderer.Message(card.Content, card.Summary);
        return ReportedAsync(channel, async () =>
        {
            await Slack().UpdateMessageAsync(channel, message.MessageId, rendered.Text, rendered.Blocks, cancellationToken);
            return message.MessageId;
        });
    }

    /// <summary>The DM lives in the workspace the person was seen in; its handle is the DM channel.</summary>
    public async Task<PostedMessage> NotifyAsync(Person person, ConversationHandle seenIn, Reply reply, CancellationToken cancellationToken)
    {
        if (person.Platform != Platform.Slack) throw new InvalidOperationException($"{person.Key} is not a Slack user, so Slack cannot reach them.");
        var slack = Slack();
        var team = seenIn.Address.TenantId;
        var message = Render(reply);
        var dm = await directMessages.FindAsync(team, person.Id, cancellationToken);
        string ts;
        if (dm is not null)
        {
            try
            {
                ts = await ReportedAsync(dm, () => slack.PostMessageAsync(dm, message.Text, message.Blocks, cancellationToken));
                return Posted(team, dm, ts);
            }
            catch (SlackApiException e) when (e.Error == "channel_not_found")
            {
                // The kept DM is gone on Slack's side: open it afresh below.
                await directMessages.ForgetAsync(team, person.Id, CancellationToken.None);
            }
        }
        dm = await ReportedAsync($"a DM with {person.Id}", () => slack.OpenDirectMessageAsync(person.Id, cancellationToken));
        await directMessages.SaveAsync(team, person.Id, dm, CancellationToken.None);
        ts = await ReportedAsync(dm, () => slack.PostMessageAsync(dm, message.Text, message.Blocks, cancellationToken));
        return Posted(team, dm, ts);
    }

    private static PostedMessage Posted(string team, string dm, string ts) =>
        new(new ConversationHandle(new ConversationAddress(Platform.Slack, team, dm, ConversationKind.Personal), dm), ts);

    /// <summary>Anything the core sends on its own becomes a message; a form drawn in a message still works (its clicks carry the inputs).</summary>
    private static SlackMessage Render(Reply reply) => reply switch
    {
        Reply.Text text => BlockKitRenderer.Text(text.Message),
        Reply.Question question => BlockKitRenderer.Text(question.Message),
        Reply.Card card => BlockKitRenderer.Message(card.Content, card.Summary),
        Reply.UpdateCard update => BlockKitRenderer.Message(update.Content, update.Summary),
        Reply.Form form => BlockKitRenderer.Message(form.Content, form.Title),
        Reply.FieldErrors errors => BlockKitRenderer.Message(errors.Redrawn.Content, "Please check the form"),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply, "Unknown reply"),
    };

    /// <summary>On Slack the reference is the channel id; older handles may only have it in the address.</summary>
    private static string ChannelOf(ConversationHandle handle) =>
        handle.Reference.Length > 0 ? handle.Reference : handle.Address.ConversationId;

    private async Task<T> ReportedAsync<T>(string where, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (SlackApiException e)
        {
            log.LogWarning("Slack {Method} for {Where} failed with {Error}", e.Method, where, e.Error);
            throw;
        }
    }
}
