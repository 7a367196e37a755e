using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FeedbackBot.Tests.Infrastructure;

/// <summary>
/// login.botframework.com on loopback: the OpenID metadata and the key set (each key endorsed for msteams) that sign the
/// tokens Teams sends with every activity. Mints tokens signed by its key, or by keys it does not publish.
/// </summary>
public sealed class FakeBotFrameworkLogin : LoopbackFake
{
    public const string Issuer = "https://api.botframework.com";
    private readonly RSA published = RSA.Create(2048);

    public string MetadataUrl => new Uri(BaseUrl, "v1/.well-known/openidconfiguration").ToString();

    public int KeySetReads => Requests.Count(r => r.Path == "/v1/keys");

    protected override void Map(WebApplication app)
    {
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new
        {
            issuer = Issuer,
            authorization_endpoint = "https://invalid.botframework.com",
            jwks_uri = new Uri(BaseUrl, "v1/keys").ToString(),
            id_token_signing_alg_values_supported = new[] { "RS256" },
            token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/keys", () => Results.Content(KeySet(), "application/json"));
    }

    /// <summary>A token as the Bot Framework issues it for <paramref name="appId"/> and this service URL.</summary>
    public string Token(string appId, string serviceUrl, string kid = "published-key", RSA? key = null, string issuer = Issuer, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = appId,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            NotBefore = DateTime.UtcNow.AddMinutes(-20),
            IssuedAt = DateTime.UtcNow.AddMinutes(-20),
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? published) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string Unsigned(string appId, string serviceUrl)
    {
        static string Part(JsonObject o) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(o.ToJsonString()));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Part(new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = "published-key" }) + "." +
            Part(new JsonObject { ["iss"] = Issuer, ["aud"] = appId, ["serviceurl"] = serviceUrl, ["nbf"] = now - 60, ["exp"] = now + 3600 }) + ".";
    }

    private string KeySet()
    {
        var parameters = published.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["kid"] = "published-key",
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["endorsements"] = new JsonArray("msteams"),
            }),
        }.ToJsonString();
    }
}
