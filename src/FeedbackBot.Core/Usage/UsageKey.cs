using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace FeedbackBot.Core.Usage;

/// <summary>
/// A gateway's ingest key: which tenant its records belong to and which APIs they may be about (none listed: every
/// API). Only <see cref="SecretHash"/> is stored; the secret itself is shown once, to the product manager who made it.
/// </summary>
public sealed record UsageKey(
    string TenantKey, string Name, IReadOnlyList<string> Apis, string SecretHash, bool HashConsumers,
    string ConsumerAttribute, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt = null)
{
    public const string SecretPrefix = "fbu_";

    public bool Covers(string apiId) => Apis.Count == 0 || Apis.Contains(apiId, StringComparer.OrdinalIgnoreCase);

    public static bool IsValidName(string name) => Regex.IsMatch(name, "^[a-z0-9][a-z0-9-]{0,39}$");

    /// <summary>32 random bytes: guessing one is hopeless, so a plain SHA-256 is enough to store (no salt or stretching needed).</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>What one key sent this week, for <c>usage keys</c> and <c>usage status</c>.</summary>
public sealed record UsageSourceStats(
    string KeyName, string Week, DateTimeOffset? LastBatchAt, long Accepted, long Duplicate, long Rejected, long Unmapped,
    IReadOnlyDictionary<string, long> RejectedByKind, IReadOnlyList<string> LastReasons);

/// <summary>A gateway API id that no catalog API and no <c>usage map</c> claims: its traffic is kept apart.</summary>
public sealed record UnmappedSource(string GatewayId, DateTimeOffset LastSeenAt, long LastBatchRecords);
