using System.Security.Claims;
using System.Text.Json;
using FeedbackBot.Hosting;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace FeedbackBot.Teams;

/// <summary>The Bot Framework's signing keys, each with the channels it may sign for (its endorsements).</summary>
public sealed record TeamsSigningKeys(IReadOnlyList<SecurityKey> Keys, IReadOnlyDictionary<string, HashSet<string>> Endorsements);

/// <summary>The Bot Framework signing keys cannot be read: a request cannot be told genuine or forged, so it is refused for now.</summary>
public sealed class TeamsSigningKeysUnavailableException(Exception inner) : Exception("The Bot Framework signing keys cannot be read.", inner);

/// <summary>
/// Checks the bearer token Teams sends with every activity: signed with RS256 by a key of the Bot Framework's OpenID
/// metadata (fetched once and cached; refreshed at most every 5 minutes when a token names a key we do not know), issued
/// by the Bot Framework, for this app id, endorsed for the activity's channel and its service URL. Anything else is an
/// <see cref="UnauthorizedAccessException"/>, which the adapter answers 401. The SDK's own check answers a malformed or
/// wrongly signed token with a 500 and cannot be pointed at a test double, hence this one.
/// </summary>
public sealed class TeamsTokens
{
    private readonly TeamsOptions options;
    private readonly ConfigurationManager<TeamsSigningKeys> keys;
    private readonly JsonWebTokenHandler handler = new();

    public TeamsTokens(IOptions<TeamsOptions> options, IHttpClientFactory http)
    {
        this.options = options.Value;
        var address = new Uri(this.options.OpenIdMetadataUrl);
        // https everywhere except a loopback stand-in (tests, a local rehearsal): keys fetched over plain http could be forged on the way.
        var documents = new HttpDocumentRetriever(http.CreateClient(nameof(TeamsTokens))) { RequireHttps = !address.IsLoopback };
        keys = new ConfigurationManager<TeamsSigningKeys>(address.ToString(), new SigningKeysRetriever(), documents);
    }

    public async Task<ClaimsIdentity> ValidateAsync(string? authorizationHeader, Activity activity)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader)) throw new UnauthorizedAccessException("No Authorization header.");
        if (!authorizationHeader.StartsWith("Bearer ", StringComparison.Ordinal) || authorizationHeader.Length <= 7)
            throw new UnauthorizedAccessException("The Authorization header is not a bearer token.");
        var token = authorizationHeader[7..].Trim();

        var signing = await SigningKeysAsync();
        var result = await handler.ValidateTokenAsync(token, Parameters(signing));
        if (!result.IsValid)
        {
            // A key we have never seen may be a new one Microsoft rotated in: look again (throttled by the manager), refuse this one.
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException) keys.RequestRefresh();
            throw new UnauthorizedAccessException($"The bearer token is not valid: {result.Exception?.GetType().Name ?? "unknown reason"}.");
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!signing.Endorsements.TryGetValue(jwt.Kid ?? "", out var channels) || !channels.Contains(activity.ChannelId ?? ""))
            throw new UnauthorizedAccessException($"The signing key is not endorsed for channel '{activity.ChannelId}'.");
        var serviceUrl = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        if (activity.ServiceUrl is { } activityUrl && !string.Equals(serviceUrl, activityUrl, StringComparison.OrdinalIgnoreCase))
            throw new UnauthorizedAccessException("The token's serviceurl claim does not match the activity's service URL.");
        return result.ClaimsIdentity;
    }

    private async Task<TeamsSigningKeys> SigningKeysAsync()
    {
        try
        {
            return await keys.GetConfigurationAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or JsonException or TaskCanceledException)
        {
            throw new TeamsSigningKeysUnavailableException(e);
        }
    }

    private TokenValidationParameters Parameters(TeamsSigningKeys signing) => new()
    {
        ValidIssuer = options.TokenIssuer,
        ValidAudience = options.MicrosoftAppId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromMinutes(5),
        RequireSignedTokens = true,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        IssuerSigningKeys = signing.Keys,
    };

    /// <summary>Reads the OpenID metadata, then the key set its <c>jwks_uri</c> names, keeping each key's <c>endorsements</c>.</summary>
    private sealed class SigningKeysRetriever : IConfigurationRetriever<TeamsSigningKeys>
    {
        public async Task<TeamsSigningKeys> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            using var metadata = JsonDocument.Parse(await retriever.GetDocumentAsync(address, cancel));
            var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
                ? uri.GetString()!
                : throw new InvalidOperationException($"The OpenID metadata at {address} has no jwks_uri.");
            var json = await retriever.GetDocumentAsync(jwksUri, cancel);
            var set = new JsonWebKeySet(json);
            using var raw = JsonDocument.Parse(json);
            var endorsements = new Dictionary<string, HashSet<string>>();
            foreach (var key in raw.RootElement.GetProperty("keys").EnumerateArray())
            {
                if (!key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String) continue;
                endorsements[kid.GetString()!] = key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase)
                    : [];
            }
            return new TeamsSigningKeys([.. set.GetSigningKeys()], endorsements);
        }
    }
}
