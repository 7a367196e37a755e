using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary>Bot Framework's conventional keys (root level) and the <c>Teams</c> section.</summary>
public sealed class TeamsOptions
{
    public string MicrosoftAppType { get; set; } = "SingleTenant";
    public string MicrosoftAppId { get; set; } = "";
    public string MicrosoftAppPassword { get; set; } = "";
    public string MicrosoftAppTenantId { get; set; } = "";

    /// <summary><c>Teams:AllowedTenants</c>: when not empty, only these tenants are served.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary><c>Teams:AllowUnauthenticated</c>: run with an empty app id outside Development (the operator says so explicitly).</summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary><c>Teams:OpenIdMetadataUrl</c>: where the Bot Framework publishes the keys that sign Teams' tokens.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary><c>Teams:TokenIssuer</c>: the issuer those tokens carry.</summary>
    public string TokenIssuer { get; set; } = "https://api.botframework.com";

    public bool IsTenantAllowed(string tenantId) =>
        AllowedTenants.Count == 0 || AllowedTenants.Contains(tenantId, StringComparer.OrdinalIgnoreCase);
}

public sealed class TeamsOptionsValidation(IHostEnvironment environment) : IValidateOptions<TeamsOptions>
{
    private static readonly string[] AppTypes = ["SingleTenant", "MultiTenant", "UserAssignedMSI"];

    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.MicrosoftAppId))
        {
            if (!environment.IsDevelopment() && !options.AllowUnauthenticated)
                errors.Add($"MicrosoftAppId is empty, so Teams requests would not be authenticated, and this is the {environment.EnvironmentName} environment. " +
                    "Set MicrosoftAppId (with MicrosoftAppPassword and MicrosoftAppTenantId) from your Azure Bot registration, or set Teams__AllowUnauthenticated=true if you really mean it.");
            return Result(errors);
        }
        if (!Uri.TryCreate(options.OpenIdMetadataUrl, UriKind.Absolute, out var metadata) || (metadata.Scheme != "https" && !metadata.IsLoopback))
            errors.Add($"Teams:OpenIdMetadataUrl '{options.OpenIdMetadataUrl}' must be an absolute https address (the Bot Framework's is the default).");
        if (!AppTypes.Contains(options.MicrosoftAppType, StringComparer.OrdinalIgnoreCase))
            errors.Add($"MicrosoftAppType '{options.MicrosoftAppType}' is not known. Use SingleTenant (with MicrosoftAppTenantId) or UserAssignedMSI.");
        if (!Guid.TryParse(options.MicrosoftAppId, out _))
            errors.Add("MicrosoftAppId must be the bot's application (client) id, a GUID.");
        if (!options.MicrosoftAppType.Equals("UserAssignedMSI", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            errors.Add("MicrosoftAppPassword is empty. Set it as an environment variable or user secret (never in appsettings.json).");
        if (!options.MicrosoftAppType.Equals("MultiTenant", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
            errors.Add($"MicrosoftAppTenantId is empty; a {options.MicrosoftAppType} bot needs the tenant id of its registration.");
        return Result(errors);
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
