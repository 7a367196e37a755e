using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Usage;

/// <summary>Which chat people a gateway consumer is, per API, as product managers linked them (<c>usage link</c>).</summary>
public interface IUsageLinks
{
    Task LinkAsync(string tenantKey, string apiId, string consumer, Person person, string by, CancellationToken cancellationToken);

    /// <summary>The consumer a person was linked to on this API; null when none.</summary>
    Task<string?> ConsumerOfAsync(string tenantKey, string apiId, Person person, CancellationToken cancellationToken);

    /// <summary>Person keys linked to each consumer of the API.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> PeopleAsync(string tenantKey, string apiId, CancellationToken cancellationToken);
}
