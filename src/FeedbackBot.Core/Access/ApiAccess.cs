using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Access;

/// <summary>
/// <see cref="RoleDirectory.MayManage"/> for an API known by its id: a product manager, or an owner of this API
/// as the tenant's catalog says. Every feature asks here (triage, road map, releases, digests, help).
/// </summary>
public sealed class ApiAccess(RoleDirectory roles, ApiCatalog catalog)
{
    public async Task<bool> MayManageAsync(string tenantKey, string personKey, string apiId, CancellationToken cancellationToken) =>
        roles.IsProductManager(personKey)
        || (await catalog.FindAsync(tenantKey, apiId, cancellationToken) is { } api && roles.MayManage(personKey, api.Api));

    /// <summary>A product manager, or an owner of at least one of <paramref name="apiIds"/>.</summary>
    public async Task<bool> MayManageAnyAsync(string tenantKey, Person person, IEnumerable<string> apiIds, CancellationToken cancellationToken)
    {
        if (roles.IsProductManager(person)) return true;
        foreach (var apiId in apiIds)
        {
            if (await MayManageAsync(tenantKey, person.Key, apiId, cancellationToken)) return true;
        }
        return false;
    }

    /// <summary>A product manager, or an owner of any API of the tenant (who sees the product managers' commands).</summary>
    public async Task<bool> ManagesAnyApiAsync(string tenantKey, Person person, CancellationToken cancellationToken) =>
        roles.IsProductManager(person) || (await OwnedApisAsync(tenantKey, person, cancellationToken)).Count > 0;

    /// <summary>The ids of the APIs <paramref name="person"/> owns.</summary>
    public async Task<IReadOnlyList<string>> OwnedApisAsync(string tenantKey, Person person, CancellationToken cancellationToken) =>
        (await catalog.ListAsync(tenantKey, cancellationToken)).Where(e => e.Api.IsOwnedBy(person.Key)).Select(e => e.Api.Id).ToList();

    public bool IsProductManager(Person person) => roles.IsProductManager(person);
}
