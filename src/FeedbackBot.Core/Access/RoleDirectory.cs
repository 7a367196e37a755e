using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Access;

/// <summary>
/// Who may do what. Product managers come from configuration (<c>Roles:ProductManagers</c>, as
/// <c>teams:&lt;AAD object id&gt;</c> / <c>slack:&lt;user id&gt;</c>); an API's owners may also act on their API.
/// </summary>
public sealed class RoleDirectory(IEnumerable<string> productManagers)
{
    private readonly HashSet<string> productManagers = new(productManagers, StringComparer.OrdinalIgnoreCase);

    public bool IsProductManager(Person person) => productManagers.Contains(person.Key);

    public bool IsProductManager(string personKey) => Person.TryParse(personKey, out var person) && IsProductManager(person);

    /// <summary>The one rule for acting on an API (its story, triage, road map, releases, digest): a product manager, or an owner of this API.</summary>
    public bool MayManage(string personKey, ApiEntry api) => IsProductManager(personKey) || api.IsOwnedBy(personKey);

    public bool CanAddApi(Person person) => IsProductManager(person);

    public bool CanEditApi(Person person, ApiEntry api) => MayManage(person.Key, api);
}
