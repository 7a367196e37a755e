using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeedbackBot.Templating;

/// <summary>JavaScript's <c>undefined</c>: a path that leads nowhere. Unlike JSON null it is never written out.</summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();

    private Undefined()
    {
    }
}

/// <summary>
/// Values while a binding is evaluated: <see cref="Undefined"/>, null, string, double, bool, JsonArray, JsonObject.
/// Conversions to text follow JavaScript, because the output must equal the JS templating library's.
/// </summary>
internal static class JsValue
{
    // The cast keeps the switch typed as object: typed as JsonNode, the scalar arms would silently convert back to JsonValue.
    public static object? FromNode(JsonNode? node) => node switch
    {
        null => null,
        JsonObject or JsonArray => (object)node,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => node.AsValue().TryGetValue(out string? text) ? text : node.Deserialize<string>(),
            JsonValueKind.Number => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
    };

    public static JsonNode? ToNode(object? value) => value switch
    {
        null or Undefined => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        double number when IsSafeInteger(number) => JsonValue.Create((long)number),
        double number => JsonValue.Create(number),
        JsonNode node => node.DeepClone(),
        _ => throw new InvalidOperationException($"Unexpected value {value.GetType()}."),
    };

    /// <summary>Adaptive expressions' truth: booleans are themselves, null and undefined are false, anything else is true (even 0 and '').</summary>
    public static bool IsLogicTrue(object? value) => value switch
    {
        bool flag => flag,
        null or Undefined => false,
        _ => true,
    };

    /// <summary>JavaScript falsiness, which is what makes a property lookup give up.</summary>
    public static bool IsFalsy(object? value) => value switch
    {
        null or Undefined => true,
        bool flag => !flag,
        double number => number == 0 || double.IsNaN(number),
        string text => text.Length == 0,
        _ => false,
    };

    /// <summary>JavaScript <c>String(value)</c>.</summary>
    public static string ToJsString(object? value) => value switch
    {
        null => "null",
        Undefined => "undefined",
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => NumberToString(number),
        JsonArray array => Join(array, ","),
        _ => "[object Object]",
    };

    /// <summary>JavaScript <c>Array.prototype.join</c>: null items become empty text.</summary>
    public static string Join(JsonArray array, string separator) =>
        string.Join(separator, array.Select(item => item is null ? "" : ToJsString(FromNode(item))));

    /// <summary>adaptive-expressions' <c>commonStringify</c>, used by <c>concat</c>.</summary>
    public static string CommonStringify(object? value) => value switch
    {
        null or Undefined => "",
        JsonNode node => Stringify(node).Trim('\'', '"'),
        _ => ToJsString(value),
    };

    private static bool IsSafeInteger(double number) =>
        Math.Floor(number) == number && Math.Abs(number) <= 9007199254740991d;

    /// <summary>JavaScript <c>Number.prototype.toString()</c> (shortest round-trip digits, ECMAScript layout).</summary>
    public static string NumberToString(double number)
    {
        if (double.IsNaN(number)) return "NaN";
        if (double.IsInfinity(number)) return number > 0 ? "Infinity" : "-Infinity";
        if (number == 0) return "0";
        var (digits, exponent) = Decompose(Math.Abs(number).ToString("R", CultureInfo.InvariantCulture));
        return (number < 0 ? "-" : "") + Layout(digits, exponent);
    }

    /// <summary>Splits "1.5E-07" into significant digits "15" and n, where the value is 0.digits × 10^n.</summary>
    private static (string Digits, int N) Decompose(string roundTrip)
    {
        var e = roundTrip.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? roundTrip : roundTrip[..e];
        var exponent = e < 0 ? 0 : int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var n = (point < 0 ? mantissa.Length : point) + exponent;
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leading = digits.Length - digits.TrimStart('0').Length;
        return (digits.Trim('0'), n - leading);
    }

    private static string Layout(string digits, int n)
    {
        var k = digits.Length;
        if (k <= n && n <= 21) return digits + new string('0', n - k);
        if (0 < n && n <= 21) return digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0) return "0." + new string('0', -n) + digits;
        var e = n - 1;
        var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return mantissa + "e" + (e >= 0 ? "+" : "-") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>JavaScript <c>JSON.stringify</c> for data values (compact, non-ASCII kept as is).</summary>
    public static string Stringify(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first) builder.Append(',');
                    first = false;
                    WriteString(builder, key);
                    builder.Append(':');
                    Write(builder, value);
                }
                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) builder.Append(',');
                    Write(builder, array[i]);
                }
                builder.Append(']');
                break;
            default:
                WriteScalar(builder, FromNode(node));
                break;
        }
    }

    private static void WriteScalar(StringBuilder builder, object? value)
    {
        if (value is string text) WriteString(builder, text);
        else if (value is double number && !double.IsFinite(number)) builder.Append("null");
        else builder.Append(value is null ? "null" : ToJsString(value));
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || IsLoneSurrogate(text, i) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        builder.Append('"');
    }

    private static bool IsLoneSurrogate(string text, int i) =>
        (char.IsHighSurrogate(text[i]) && (i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])))
        || (char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1])));
}
