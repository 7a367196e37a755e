using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Newtonsoft.Json.Serialization;

namespace FeedbackBot.Teams;

/// <summary>
/// Hands out the SDK's connector clients with one contract resolver shared by all of them. The SDK builds a client per
/// turn and per proactive send, each with a fresh Newtonsoft resolver, so every turn would pay again for reflecting on
/// Activity and compiling its accessors; a shared resolver does that once per type for the life of the process.
/// </summary>
public sealed class TeamsConnectorFactory(ConnectorFactory inner) : ConnectorFactory
{
    /// <summary>What the SDK's clients use (a DefaultContractResolver, thread-safe), made once.</summary>
    private static readonly DefaultContractResolver Contracts = new();

    public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        var client = await inner.CreateAsync(serviceUrl, audience, cancellationToken);
        if (client is ConnectorClient connector)
        {
            connector.SerializationSettings.ContractResolver = Contracts;
            connector.DeserializationSettings.ContractResolver = Contracts;
        }
        return client;
    }
}
