namespace FeedbackBot.Core.Conversations;

/// <summary>One small handler per interaction. The router picks it by command words or by action verb.</summary>
public interface ITurnHandler
{
    Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken);
}
