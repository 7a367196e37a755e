using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Hosting;
using FeedbackBot.Messaging;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams;

/// <summary>
/// Proactive Teams messages: posts into a stored conversation (or a channel message's thread), updates a posted card,
/// and reaches a person in their personal chat with the bot, opening it when needed.
/// </summary>
public sealed class TeamsMessenger(TeamsAdapter adapter, TeamsDelivery delivery, IOptions<TeamsOptions> options) : IPlatformMessenger
{
    public Platform Platform => Platform.Teams;

    public async Task<PostedMessage> PostAsync(ConversationHandle to, Reply reply, string? threadOf, CancellationToken cancellationToken)
    {
        var target = TeamsReference.ForPost(TeamsReference.Parse(to.Reference), threadOf);
        var id = await SendAsync(target, reply, cancellationToken);
        return new PostedMessage(to with { Reference = TeamsReference.Serialize(TeamsReference.OfPosted(target, id)) }, id);
    }

    public Task UpdateAsync(PostedMessage message, Reply.Card card, CancellationToken cancellationToken)
    {
        var reference = TeamsReference.Parse(message.Conversation.Reference);
        return delivery.RunAsync("update a card", reference.Conversation.Id, () => InConversationAsync(reference, async turn =>
        {
            var activity = TeamsReplies.ToActivity(card);
            activity.Id = message.MessageId;
            return await turn.UpdateActivityAsync(activity, cancellationToken);
        }, cancellationToken), cancellationToken);
    }

    public async Task<PostedMessage> NotifyAsync(Person person, ConversationHandle seenIn, Reply reply, CancellationToken cancellationToken)
    {
        var seen = TeamsReference.Parse(seenIn.Reference);
        // The user's Teams id (29:…) is only known from a conversation they were seen in; an AAD object id cannot open a chat.
        if (!IsSameUser(seen.User, person))
            throw new InvalidOperationException($"Cannot reach {person.Key} in a personal chat: the conversation reference for {seen.Conversation.Id} names {seen.User?.Id ?? "no user"}, not them.");

        if (seenIn.Address.Kind == ConversationKind.Personal && TeamsReference.IsBotChat(seen))
        {
            var target = TeamsReference.ForPost(seen, null);
            return new PostedMessage(seenIn with { Reference = TeamsReference.Serialize(target) }, await SendAsync(target, reply, cancellationToken));
        }

        var personal = await OpenPersonalChatAsync(seen, seenIn.Address.TenantId, cancellationToken);
        var id = await SendAsync(personal, reply, cancellationToken);
        var address = new ConversationAddress(Platform.Teams, seenIn.Address.TenantId, personal.Conversation.Id, ConversationKind.Personal);
        return new PostedMessage(new ConversationHandle(address, TeamsReference.Serialize(personal)), id);
    }

    private Task<string> SendAsync(ConversationReference target, Reply reply, CancellationToken cancellationToken) =>
        delivery.RunAsync("send a message", target.Conversation.Id, () => InConversationAsync(target, async turn =>
            (await turn.SendActivityAsync(TeamsReplies.ToActivity(reply), cancellationToken))?.Id ?? "", cancellationToken), cancellationToken);

    /// <summary>Creates (or gets: Teams keeps one per user and bot) the 1:1 conversation with the user of <paramref name="seen"/>.</summary>
    private async Task<ConversationReference> OpenPersonalChatAsync(ConversationReference seen, string tenantId, CancellationToken cancellationToken)
    {
        var tenant = seen.Conversation.TenantId is { Length: > 0 } t ? t : tenantId;
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = seen.Bot,
            Members = [new ChannelAccount(seen.User.Id)],
            TenantId = tenant,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo(tenant) },
        };
        ConversationReference? opened = null;
        await delivery.RunAsync("open a personal chat", $"personal chat with {seen.User.Id}", async () =>
        {
            await adapter.CreateConversationAsync(AppId, seen.ChannelId, seen.ServiceUrl, null, parameters, (turn, _) =>
            {
                opened = turn.Activity.GetConversationReference();
                return Task.CompletedTask;
            }, cancellationToken);
            return true;
        }, cancellationToken);

        var reference = opened ?? throw new InvalidOperationException($"Teams opened no personal chat with {seen.User.Id}.");
        reference.User = seen.User;
        reference.Bot ??= seen.Bot;
        reference.Conversation.ConversationType = "personal";
        reference.Conversation.TenantId = tenant;
        reference.ActivityId = null;
        return reference;
    }

    private Task<T> InConversationAsync<T>(ConversationReference reference, Func<ITurnContext, Task<T>> work, CancellationToken cancellationToken) =>
        adapter.InConversationAsync(AppId, reference, work, cancellationToken);

    private string AppId => options.Value.MicrosoftAppId;

    private static bool IsSameUser(ChannelAccount? user, Person person) =>
        user is not null && person.Platform == Platform.Teams
        && (string.Equals(user.AadObjectId, person.Id, StringComparison.OrdinalIgnoreCase) || string.Equals(user.Id, person.Id, StringComparison.OrdinalIgnoreCase));
}
