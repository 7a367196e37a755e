using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Messaging;

/// <summary>A message the bot posted, so it can be updated or answered in its thread later.</summary>
public sealed record PostedMessage(ConversationHandle Conversation, string MessageId);
