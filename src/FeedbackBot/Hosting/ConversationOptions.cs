using System.Text.Json.Nodes;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary><c>Catalog:Apis</c>: entries every tenant sees until its product managers edit them from chat.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    public List<ApiSeed> Apis { get; set; } = [];

    public sealed class ApiSeed
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Pitch { get; set; } = "";
        public string Audience { get; set; } = "";
        public string Problem { get; set; } = "";
        public string Status { get; set; } = "GA";
        public string Version { get; set; } = "";
        public string DocsUrl { get; set; } = "";
        public List<string> Owners { get; set; } = [];
    }

    /// <summary>Reads the seeds with the chat form's rules, so configuration cannot hold what a PM could not type.</summary>
    public (List<ApiEntry> Apis, List<string> Errors) Read()
    {
        var apis = new List<ApiEntry>();
        var errors = new List<string>();
        for (var i = 0; i < Apis.Count; i++)
        {
            var seed = Apis[i];
            var values = new JsonObject
            {
                ["id"] = seed.Id, ["name"] = seed.Name, ["pitch"] = seed.Pitch, ["audience"] = seed.Audience, ["problem"] = seed.Problem,
                ["status"] = seed.Status, ["version"] = seed.Version, ["docsUrl"] = seed.DocsUrl, ["owners"] = string.Join(", ", seed.Owners),
            };
            var (api, fieldErrors) = ApiForm.Read(new CardAction(CatalogVerbs.Save, values), fixedId: null);
            errors.AddRange(fieldErrors.Select(e => $"Catalog:Apis:{i}:{char.ToUpperInvariant(e.Key[0])}{e.Key[1..]} ('{seed.Id}'): {e.Value}"));
            if (api is not null && apis.Any(a => a.Id == api.Id)) errors.Add($"Catalog:Apis:{i}:Id '{api.Id}' is used twice. Give each API its own id.");
            else if (api is not null) apis.Add(api);
        }
        return (apis, errors);
    }
}

/// <summary><c>Roles:ProductManagers</c>: people who triage and edit the catalog, as teams:&lt;AAD object id&gt; or slack:&lt;user id&gt;.</summary>
public sealed class RolesOptions
{
    public const string Section = "Roles";

    public List<string> ProductManagers { get; set; } = [];
}

public sealed class ConversationOptionsValidation : IValidateOptions<CatalogOptions>, IValidateOptions<RolesOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var errors = options.Read().Errors;
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, RolesOptions options)
    {
        var errors = options.ProductManagers
            .Select((key, i) => (key, i))
            .Where(p => !Person.TryParse(p.key, out _))
            .Select(p => $"Roles:ProductManagers:{p.i} '{p.key}' is not a person. Write teams:<AAD object id> or slack:<user id>.")
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
