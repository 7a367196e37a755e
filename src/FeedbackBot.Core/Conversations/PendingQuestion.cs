namespace FeedbackBot.Core.Conversations;

/// <summary>A question the bot asked one user in one conversation, waiting for their next message.</summary>
public sealed record PendingQuestion(string ResumeCommand, DateTimeOffset ExpiresAt);
