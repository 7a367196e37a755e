using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FeedbackBot.Slack;

/// <summary>
/// Checks <c>X-Slack-Signature</c>: <c>v0=</c> + hex HMAC-SHA256 over <c>v0:{timestamp}:{raw body}</c> keyed with the
/// signing secret, and a timestamp within five minutes of now (a captured request cannot be replayed later).
/// </summary>
public sealed class SlackSignature(string signingSecret, TimeProvider time)
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly byte[] key = Encoding.UTF8.GetBytes(signingSecret);

    /// <summary>Null when the request is Slack's; otherwise a short reason for the 401.</summary>
    public string? Check(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return "missing Slack signature";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return "malformed Slack request timestamp";

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > MaxAge) return "stale Slack request timestamp";

        if (!signature.StartsWith("v0=", StringComparison.Ordinal)) return "unknown Slack signature version";
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(3));
        }
        catch (FormatException)
        {
            return "malformed Slack signature";
        }
        return CryptographicOperations.FixedTimeEquals(given, Compute(timestamp, body)) ? null : "Slack signature does not match";
    }

    /// <summary>The expected <c>X-Slack-Signature</c> header value.</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body) => "v0=" + Convert.ToHexStringLower(Compute(timestamp, body));

    private byte[] Compute(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, message);
    }
}
