using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Messaging;

/// <summary>One platform's way to post, update and notify outside a turn (Teams: proactive messages; Slack: Web API).</summary>
public interface IPlatformMessenger
{
    Platform Platform { get; }

    Task<PostedMessage> PostAsync(ConversationHandle to, Reply reply, string? threadOf, CancellationToken cancellationToken);

    Task UpdateAsync(PostedMessage message, Reply.Card card, CancellationToken cancellationToken);

    Task<PostedMessage> NotifyAsync(Person person, ConversationHandle seenIn, Reply reply, CancellationToken cancellationToken);
}

/// <summary>The core's messenger: sends each message through the platform its conversation lives on.</summary>
public sealed class Messenger(IEnumerable<IPlatformMessenger> platforms) : IMessenger
{
    private readonly Dictionary<Platform, IPlatformMessenger> platforms = platforms.ToDictionary(p => p.Platform);

    public Task<PostedMessage> PostAsync(ConversationHandle to, Reply reply, string? threadOf, CancellationToken cancellationToken) =>
        For(to.Address.Platform).PostAsync(to, reply, threadOf, cancellationToken);

    public Task UpdateAsync(PostedMessage message, Reply.Card card, CancellationToken cancellationToken) =>
        For(message.Conversation.Address.Platform).UpdateAsync(message, card, cancellationToken);

    public Task<PostedMessage> NotifyAsync(Person person, ConversationHandle seenIn, Reply reply, CancellationToken cancellationToken) =>
        For(seenIn.Address.Platform).NotifyAsync(person, seenIn, reply, cancellationToken);

    private IPlatformMessenger For(Platform platform) =>
        platforms.TryGetValue(platform, out var messenger)
            ? messenger
            : throw new InvalidOperationException($"{platform} is not configured on this instance, so nothing can be sent there.");
}
