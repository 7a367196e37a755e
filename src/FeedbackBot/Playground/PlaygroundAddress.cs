using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FeedbackBot.Playground;

/// <summary>
/// The address this app listens on, as the playground's own calls reach it (the seeding's turns, the Slack client's
/// calls to the Web API stand-in). Known once the server has started; null under a server with no socket (TestServer).
/// </summary>
public sealed class PlaygroundAddress(IServer server)
{
    public Uri? Local
    {
        get
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
            if (chosen is null) return null;
            // A wildcard binding ("http://[::]:3978", "http://+:80") is reached on loopback.
            var normalized = chosen.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal);
            return Uri.TryCreate(normalized.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null;
        }
    }
}

/// <summary>
/// Sends the bot's Slack Web API calls to the stand-in on this app's own address: the address is only known after
/// start-up, so Slack:ApiBaseUrl names a placeholder host that is swapped here, on every call.
/// </summary>
public sealed class SlackLoopback(PlaygroundAddress address) : DelegatingHandler
{
    public const string PlaceholderHost = "slack.playground.invalid";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { Host: PlaceholderHost } uri)
        {
            var local = address.Local
                ?? throw new HttpRequestException("The playground's Slack stand-in is not reachable yet: the server has not started listening.");
            request.RequestUri = new UriBuilder(uri) { Scheme = local.Scheme, Host = local.Host, Port = local.Port }.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
