namespace FeedbackBot.Slack;

/// <summary>Which endpoint a request came to, which decides how its raw body is read.</summary>
public enum SlackRequestKind { Event, Interaction, Command }
