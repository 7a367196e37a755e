using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Azure Storage connection string; the default points at Azurite on this machine.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Put before every table name so tests and instances sharing an account stay apart.</summary>
    public string TablePrefix { get; set; } = "";
}

public sealed partial class StorageOptionsValidation : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            errors.Add("Storage:ConnectionString is empty. Set it to an Azure Storage connection string, or remove it to use Azurite (UseDevelopmentStorage=true).");
        if (!PrefixPattern().IsMatch(options.TablePrefix))
            errors.Add($"Storage:TablePrefix '{options.TablePrefix}' is not usable in table names. Use up to 20 letters and digits, starting with a letter, or leave it empty.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9]{0,19})?$")]
    private static partial Regex PrefixPattern();
}
