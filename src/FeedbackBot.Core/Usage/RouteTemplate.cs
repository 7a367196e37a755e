using System.Text;

namespace FeedbackBot.Core.Usage;

/// <summary>
/// A raw path as a route: the query cut off, and segments that are ids (numbers, UUIDs, long hex or mixed tokens)
/// become <c>{id}</c>, so <c>/payments/8812?x=1</c> and <c>/payments/9931</c> are one route, <c>/payments/{id}</c>.
/// Used when a gateway sends the path it saw instead of its route template.
/// </summary>
public static class RouteTemplate
{
    public const int MaxLength = 200;

    public static string Of(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "";
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0) path = path[..cut];
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)) path = absolute.AbsolutePath;
        var builder = new StringBuilder();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            builder.Append('/').Append(IsId(segment) ? "{id}" : segment);
        var route = builder.Length == 0 ? "/" : builder.ToString();
        return route.Length <= MaxLength ? route : route[..MaxLength];
    }

    /// <summary>A route a gateway sent as its template: kept, only trimmed to the length rollups store.</summary>
    public static string Given(string? route)
    {
        route = route?.Trim() ?? "";
        return route.Length <= MaxLength ? route : route[..MaxLength];
    }

    private static bool IsId(string segment)
    {
        if (segment.StartsWith('{') && segment.EndsWith('}')) return false;
        if (segment.All(char.IsAsciiDigit)) return true;
        if (Guid.TryParse(segment, out _)) return true;
        if (segment.Length >= 16 && segment.All(char.IsAsciiHexDigit)) return true;
        var digits = segment.Count(char.IsAsciiDigit);
        // Tokens like "pay_3Kx81Lq9" or "ord-20261130-77": long, and digits mixed in.
        return segment.Length >= 8 && digits >= 2 && segment.Any(char.IsAsciiLetter);
    }
}
