using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Messaging;

/// <summary>
/// Messages the bot sends on its own, outside the turn that caused them: triage cards in a channel, updates of
/// those cards, notifications in a person's personal chat. Implemented per platform by the adapters.
/// </summary>
public interface IMessenger
{
    /// <summary>Posts a <see cref="Reply.Text"/> or <see cref="Reply.Card"/> into a conversation, or into a message's thread.</summary>
    Task<PostedMessage> PostAsync(ConversationHandle to, Reply reply, string? threadOf, CancellationToken cancellationToken);

    /// <summary>Replaces a card posted earlier, for everyone who sees it.</summary>
    Task UpdateAsync(PostedMessage message, Reply.Card card, CancellationToken cancellationToken);

    /// <summary>Sends to the person's personal chat with the bot (opened if needed), found from a conversation they were seen in.</summary>
    Task<PostedMessage> NotifyAsync(Person person, ConversationHandle seenIn, Reply reply, CancellationToken cancellationToken);
}
