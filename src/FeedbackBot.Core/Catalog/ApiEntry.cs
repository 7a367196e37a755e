namespace FeedbackBot.Core.Catalog;

public enum ApiLifecycle { Preview, GA, Deprecated }

/// <summary>An API's story as consumers read it in <c>about &lt;api&gt;</c>.</summary>
public sealed record ApiEntry(
    string Id,
    string Name,
    string Pitch,
    string Audience,
    string Problem,
    ApiLifecycle Status,
    string Version,
    string DocsUrl,
    IReadOnlyList<string> Owners)
{
    public bool IsOwnedBy(string personKey) => Owners.Contains(personKey, StringComparer.OrdinalIgnoreCase);
}
