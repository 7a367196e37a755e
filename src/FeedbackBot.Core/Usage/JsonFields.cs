using System.Globalization;
using System.Text.Json;

namespace FeedbackBot.Core.Usage;

/// <summary>Lenient reads of the JSON gateways send: numbers as numbers or numeric strings, absent and null alike.</summary>
internal static class JsonFields
{
    public static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static JsonElement? Path(this JsonElement element, params string[] names)
    {
        JsonElement? current = element;
        foreach (var name in names) current = current?.Get(name);
        return current;
    }

    public static string? Text(this JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        _ => null,
    };

    public static double? Number(this JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        { ValueKind: JsonValueKind.String } e when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static long Long(this JsonElement? element) => element.Number() is { } d && d >= 0 && d < long.MaxValue ? (long)d : 0;

    /// <summary>RFC 3339 text, or Unix epoch milliseconds as a number or numeric text.</summary>
    public static DateTimeOffset? Timestamp(this JsonElement? element)
    {
        if (element is { ValueKind: JsonValueKind.String } text
            && DateTimeOffset.TryParse(text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            && text.GetString()!.Contains('T', StringComparison.OrdinalIgnoreCase))
            return at;
        if (element.Number() is { } ms && ms is > 0 and < 253402300800000) return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
        return null;
    }

    public static string Short(string text, int max = 60) => text.Length <= max ? text : text[..max] + "…";
}
