using System.Text;

namespace FeedbackBot.Slack;

/// <summary>
/// JSON may spell a lone UTF-16 surrogate (<c>"\ud800"</c>); System.Text.Json parses it but refuses to read the string,
/// which made a request that Slack signed and retries forever fail on every try. Such an escape becomes U+FFFD, the
/// replacement character, before parsing: the text is kept, the broken character shows as �.
/// </summary>
public static class JsonSurrogates
{
    private const string Replacement = "\\ufffd";

    public static string Repair(string json)
    {
        if (!json.Contains("\\u", StringComparison.OrdinalIgnoreCase)) return json;
        StringBuilder? repaired = null;
        var copiedUpTo = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (!inString)
            {
                inString = c == '"';
                continue;
            }
            if (c == '"') { inString = false; continue; }
            if (c != '\\' || i + 1 >= json.Length) continue;
            if (json[i + 1] != 'u') { i++; continue; }

            var unit = UnitAt(json, i);
            if (unit is null || !char.IsSurrogate(unit.Value)) { i += 1; continue; }
            if (char.IsHighSurrogate(unit.Value) && UnitAt(json, i + 6) is { } low && char.IsLowSurrogate(low))
            {
                i += 11; // a proper pair: both escapes stay
                continue;
            }
            repaired ??= new StringBuilder(json.Length);
            repaired.Append(json, copiedUpTo, i - copiedUpTo).Append(Replacement);
            copiedUpTo = i + 6;
            i += 5;
        }
        return repaired is null ? json : repaired.Append(json, copiedUpTo, json.Length - copiedUpTo).ToString();
    }

    /// <summary>The UTF-16 unit a <c>\uXXXX</c> escape at <paramref name="at"/> spells; null when there is none or it is malformed.</summary>
    private static char? UnitAt(string json, int at)
    {
        if (at + 6 > json.Length || json[at] != '\\' || json[at + 1] != 'u') return null;
        return ushort.TryParse(json.AsSpan(at + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var unit) ? (char)unit : null;
    }
}
