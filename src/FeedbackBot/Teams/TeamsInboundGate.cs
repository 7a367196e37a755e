using System.Security.Claims;
using FeedbackBot.Hosting;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams;

/// <summary>A request to <c>/api/messages</c> refused before any turn runs; answered with its status and reason.</summary>
public sealed class TeamsRequestRefusedException(int status, string reason) : Exception(reason)
{
    public int Status => status;
}

/// <summary>
/// Every activity passes here before the SDK runs a turn: its token is checked by <see cref="TeamsTokens"/> when an app
/// id is configured, then the activity must be whole (<see cref="TeamsActivityCheck"/>). Everything outbound (connector
/// clients, their credentials) stays with the SDK's own authentication, <paramref name="inner"/>.
/// </summary>
public sealed class TeamsInboundGate(BotFrameworkAuthentication inner, TeamsTokens tokens, IOptions<TeamsOptions> options) : BotFrameworkAuthentication
{
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        AuthenticateRequestResult result;
        if (string.IsNullOrWhiteSpace(options.Value.MicrosoftAppId))
        {
            result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        }
        else
        {
            ClaimsIdentity identity;
            try
            {
                identity = await tokens.ValidateAsync(authHeader, activity);
            }
            catch (TeamsSigningKeysUnavailableException e)
            {
                throw new TeamsRequestRefusedException(StatusCodes.Status503ServiceUnavailable,
                    "The Bot Framework signing keys cannot be read right now, so this request cannot be verified; try again. " + e.InnerException?.Message);
            }
            result = new AuthenticateRequestResult
            {
                ClaimsIdentity = identity,
                Audience = inner.GetOriginatingAudience(),
                CallerId = CallerIdConstants.PublicAzureChannel,
                ConnectorFactory = inner.CreateConnectorFactory(identity),
            };
        }
        if (TeamsActivityCheck.Problem(activity) is { } problem) throw new TeamsRequestRefusedException(StatusCodes.Status400BadRequest, problem);
        return result;
    }

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        throw new UnauthorizedAccessException("Streaming connections are not used by this bot.");

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => inner.CreateConnectorFactory(claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();
}
