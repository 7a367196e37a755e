using System.Collections.Concurrent;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Rest;

namespace FeedbackBot.Teams;

/// <summary>
/// One credentials object per (app, audience, login endpoint), where the SDK makes one per turn: each of them builds
/// its own MSAL client with its own token cache, so a new one per turn would ask Entra ID for a token every turn.
/// </summary>
public sealed class TeamsCredentials(ServiceClientCredentialsFactory inner) : ServiceClientCredentialsFactory
{
    private readonly ConcurrentDictionary<(string?, string?, string?, bool), Lazy<Task<ServiceClientCredentials>>> made = new();

    public override Task<bool> IsValidAppIdAsync(string appId, CancellationToken cancellationToken) =>
        inner.IsValidAppIdAsync(appId, cancellationToken);

    public override Task<bool> IsAuthenticationDisabledAsync(CancellationToken cancellationToken) =>
        inner.IsAuthenticationDisabledAsync(cancellationToken);

    public override Task<ServiceClientCredentials> CreateCredentialsAsync(string appId, string audience, string loginEndpoint, bool validateAuthority,
        CancellationToken cancellationToken)
    {
        var key = (appId, audience, loginEndpoint, validateAuthority);
        var lazy = made.GetOrAdd(key, _ => new Lazy<Task<ServiceClientCredentials>>(() =>
            inner.CreateCredentialsAsync(appId, audience, loginEndpoint, validateAuthority, CancellationToken.None)));
        var task = lazy.Value;
        // A failure (a bad app id, say) is not kept: the next turn asks again and sees the error itself.
        if (task.IsFaulted || task.IsCanceled) made.TryRemove(new KeyValuePair<(string?, string?, string?, bool), Lazy<Task<ServiceClientCredentials>>>(key, lazy));
        return task.WaitAsync(cancellationToken);
    }
}
