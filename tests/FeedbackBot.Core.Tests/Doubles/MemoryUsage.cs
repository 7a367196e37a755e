using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Usage;

namespace FeedbackBot.Core.Tests.Doubles;

/// <summary>Usage links kept in memory: nobody is linked until a test links them.</summary>
public sealed class MemoryUsageLinks : IUsageLinks
{
    private readonly Dictionary<(string Tenant, string Api, string Person), string> links = [];

    public Task LinkAsync(string tenantKey, string apiId, string consumer, Person person, string by, CancellationToken cancellationToken)
    {
        links[(tenantKey, apiId, person.Key)] = consumer;
        return Task.CompletedTask;
    }

    public Task<string?> ConsumerOfAsync(string tenantKey, string apiId, Person person, CancellationToken cancellationToken) =>
        Task.FromResult(links.GetValueOrDefault((tenantKey, apiId, person.Key)));

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> PeopleAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(links
            .Where(l => l.Key.Tenant == tenantKey && l.Key.Api == apiId)
            .GroupBy(l => l.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(l => l.Key.Person)]));
}

/// <summary>No traffic: the rules under test here never read usage.</summary>
public sealed class NoUsageRollups : IUsageRollups
{
    public long Reads => 0;

    public Task<IReadOnlyList<UsageDay>> DaysAsync(string tenantKey, string apiId, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UsageDay>>([]);
}
