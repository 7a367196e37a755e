using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

public sealed class HangfireOptions
{
    public const string Section = "Hangfire";

    /// <summary><c>InMemory</c> (one instance, nothing to install) or <c>PostgreSql</c> (instances share the work).</summary>
    public string Storage { get; set; } = "InMemory";

    public string ConnectionString { get; set; } = "";

    /// <summary>PostgreSQL schema of Hangfire's tables; instances that share the work use the same one.</summary>
    public string Schema { get; set; } = "hangfire";

    /// <summary>When set, the dashboard also answers remote requests that give this password (HTTP Basic, any user name).</summary>
    public string DashboardPassword { get; set; } = "";

    /// <summary>Workers of this instance's Hangfire server; 0 keeps Hangfire's default (5 per core, at most 20).</summary>
    public int WorkerCount { get; set; }

    public bool UsesPostgreSql => Storage.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase);
}

public sealed class HangfireOptionsValidation : IValidateOptions<HangfireOptions>
{
    public ValidateOptionsResult Validate(string? name, HangfireOptions options)
    {
        if (!options.UsesPostgreSql && !options.Storage.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
            return ValidateOptionsResult.Fail($"Hangfire:Storage '{options.Storage}' is not known. Use InMemory (one instance) or PostgreSql (with Hangfire:ConnectionString).");
        if (options.UsesPostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail("Hangfire:Storage is PostgreSql but Hangfire:ConnectionString is empty. Set it to a Npgsql connection string, e.g. Host=localhost;Database=feedbackbot;Username=...;Password=...");
        return ValidateOptionsResult.Success;
    }
}
