using System.Security.Claims;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace FeedbackBot.Teams;

/// <summary>
/// Bot Framework authentication from configuration (MicrosoftAppId and friends), set up so a turn pays for nothing
/// that could be made once: credentials kept per app and audience (so their token cache lives on), connector clients
/// over pooled HTTP handlers from <see cref="IHttpClientFactory"/>, and one shared serializer contract resolver
/// (<see cref="TeamsConnectorFactory"/>). Everything else is the SDK's own.
/// </summary>
public sealed class TeamsAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    /// <summary>The named HTTP client the connector, token and skill clients are made from.</summary>
    public const string HttpClientName = "teams-connector";

    public static TeamsAuthentication Create(IConfiguration configuration, IHttpClientFactory http, ILogger? log = null)
    {
        var credentials = new TeamsCredentials(new ConfigurationServiceClientCredentialFactory(configuration, null, log));
        return new TeamsAuthentication(new ConfigurationBotFrameworkAuthentication(configuration, credentials, null, new NamedClients(http), log));
    }

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Wrap(await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken));

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Wrap(await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken));

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new TeamsConnectorFactory(inner.CreateConnectorFactory(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private static AuthenticateRequestResult Wrap(AuthenticateRequestResult result)
    {
        if (result.ConnectorFactory is { } factory and not TeamsConnectorFactory) result.ConnectorFactory = new TeamsConnectorFactory(factory);
        return result;
    }

    /// <summary>The SDK asks for the default client; it gets the named one, so its handlers can be configured apart.</summary>
    private sealed class NamedClients(IHttpClientFactory http) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => http.CreateClient(HttpClientName);
    }
}
