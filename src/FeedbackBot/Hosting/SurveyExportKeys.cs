using System.Security.Cryptography;
using System.Text;
using FeedbackBot.Surveys;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary>One tenant's key to the survey CSV export.</summary>
public sealed record SurveyExportKey
{
    public string Tenant { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>Whether <paramref name="given"/> is a key of <paramref name="tenant"/> (compared in constant time; every key is tried).</summary>
    public static bool Opens(IEnumerable<SurveyExportKey> keys, string tenant, string given)
    {
        var givenHash = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        var opens = false;
        foreach (var key in keys)
        {
            var matches = CryptographicOperations.FixedTimeEquals(givenHash, SHA256.HashData(Encoding.UTF8.GetBytes(key.Key)));
            opens |= matches && given.Length > 0 && string.Equals(key.Tenant, tenant, StringComparison.OrdinalIgnoreCase);
        }
        return opens;
    }
}

public sealed class SurveyExportKeysValidation : IValidateOptions<SurveyOptions>
{
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, SurveyOptions options)
    {
        var errors = new List<string>();
        if (options.ApiKey.Length > 0)
            errors.Add("Surveys:ApiKey was one key for every tenant's answers and is no longer read. Give each tenant its own key: " +
                "Surveys:ExportKeys:0:Tenant=teams:<tenant id> (or slack:<team id>) and Surveys:ExportKeys:0:Key=<secret>.");
        for (var i = 0; i < options.ExportKeys.Count; i++)
        {
            var key = options.ExportKeys[i];
            if (!(key.Tenant.StartsWith("teams:", StringComparison.Ordinal) || key.Tenant.StartsWith("slack:", StringComparison.Ordinal)) || key.Tenant.Length < 7)
                errors.Add($"Surveys:ExportKeys:{i}:Tenant '{key.Tenant}' must be teams:<tenant id> or slack:<team id>.");
            if (key.Key.Length < MinimumKeyLength)
                errors.Add($"Surveys:ExportKeys:{i}:Key must be at least {MinimumKeyLength} characters (a random secret, e.g. `openssl rand -base64 24`).");
        }
        var shared = options.ExportKeys.GroupBy(k => k.Key).Where(g => g.Select(k => k.Tenant).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1);
        if (shared.Any()) errors.Add("Surveys:ExportKeys gives the same key to two tenants; each tenant needs its own.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
