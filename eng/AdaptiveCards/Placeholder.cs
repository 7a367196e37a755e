namespace AdaptiveCards;

/// <summary>Marks the compatibility build; the real AdaptiveCards object model is not here.</summary>
internal static class CompatibilityPackage
{
}
