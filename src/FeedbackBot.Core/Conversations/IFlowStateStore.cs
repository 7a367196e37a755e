namespace FeedbackBot.Core.Conversations;

/// <summary>Multi-step flow state, kept in Table Storage so any instance can take the next turn.</summary>
public interface IFlowStateStore
{
    Task<PendingQuestion?> GetAsync(ConversationAddress conversation, Person user, CancellationToken cancellationToken);

    Task SaveAsync(ConversationAddress conversation, Person user, PendingQuestion question, CancellationToken cancellationToken);

    Task ClearAsync(ConversationAddress conversation, Person user, CancellationToken cancellationToken);
}
