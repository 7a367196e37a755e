namespace FeedbackBot.Templating;

/// <summary>A card template uses syntax outside the supported subset, or its data cannot be bound.</summary>
public sealed class CardTemplateException(string message) : Exception(message);
