using System.Text;

namespace FeedbackBot.Storage;

/// <summary>
/// Partition and row keys may not hold '/', '\', '#', '?' or control characters. Ids from Teams and Slack are
/// escaped (%XX, like a URL) so any id is a valid key and two different ids never share one.
/// </summary>
public static class TableKey
{
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c)) builder.Append('%').Append(((int)c).ToString("X2"));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>The exact inverse of <see cref="Escape"/> (a key read back from a row).</summary>
    public static string Unescape(string key)
    {
        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length && int.TryParse(key.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else builder.Append(key[i]);
        }
        return builder.ToString();
    }
}
