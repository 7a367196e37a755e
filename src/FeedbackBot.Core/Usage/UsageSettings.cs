namespace FeedbackBot.Core.Usage;

/// <summary>What chat needs to know of the host's usage settings: whether consumer ids can be hashed, where the bot is reached.</summary>
public sealed record UsageSettings(bool CanHashConsumers, string PublicBaseUrl = "");
