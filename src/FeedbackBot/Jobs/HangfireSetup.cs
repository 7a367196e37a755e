using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Jobs;

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

public static class HangfireSetup
{
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HangfireOptions>().BindConfiguration(HangfireOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HangfireOptions>, HangfireOptionsValidation>();

        var options = builder.Configuration.GetSection(HangfireOptions.Section).Get<HangfireOptions>() ?? new HangfireOptions();
        // The dashboard checks an antiforgery token on its POST actions (trigger, delete, requeue) once this service exists.
        services.AddAntiforgery();
        services.AddHangfire((provider, configuration) => configuration
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        // This app's own storage, never the process-wide JobStorage.Current: two apps in one process (tests, or a
        // host running two bots) must not pick up each other's storage. Registered last, so it is the one resolved.
        services.AddSingleton<JobStorage>(_ => options.UsesPostgreSql && !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new PostgreSqlStorage(new PostgreSqlConnections(options.ConnectionString), new PostgreSqlStorageOptions { SchemaName = options.Schema })
            // A misconfigured PostgreSql storage is reported by the options validation at start-up; InMemory keeps the graph valid until then.
            : new Hangfire.InMemory.InMemoryStorage());
        services.AddHangfireServer((provider, server) =>
        {
            // Like the storage: this app's own activator, not the process-wide JobActivator.Current.
            server.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
            if (options.WorkerCount > 0) server.WorkerCount = options.WorkerCount;
        });
        return builder;
    }

    public static WebApplication MapJobs(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<HangfireOptions>>().Value;
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new DashboardAccess(options.DashboardPassword)],
            DashboardTitle = "FeedbackBot jobs",
        });
        return app;
    }
}

/// <summary>
/// Hangfire's log provider is process-wide and points at the host that configured it last. When that host stops
/// while another keeps running in the same process (tests, hosts started twice), its logger factory is disposed:
/// Hangfire then gets a silent logger instead of an exception in the middle of creating a job.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return new Hangfire.AspNetCore.AspNetCoreLogProvider(factory).GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : Hangfire.Logging.ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

/// <summary>New Npgsql connections for Hangfire's PostgreSQL storage (pooled by Npgsql).</summary>
public sealed class PostgreSqlConnections(string connectionString) : IConnectionFactory
{
    public Npgsql.NpgsqlConnection GetOrCreateConnection() => new(connectionString);
}

/// <summary>
/// The dashboard answers loopback requests; remote ones only with <c>Hangfire:DashboardPassword</c>. A loopback request
/// that still carries forwarding headers came through a proxy or tunnel on this host that is not a configured
/// <c>ForwardedHeaders</c> proxy: its real client is somewhere else, so it is remote.
/// </summary>
public sealed class DashboardAccess(string password) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote) && !Forwarded(http.Request.Headers)) return true;
        if (password.Length > 0 && BasicPassword(http.Request.Headers.Authorization.ToString()) is { } given
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(password))))
            return true;
        if (password.Length > 0) http.Response.Headers.WWWAuthenticate = "Basic realm=\"FeedbackBot jobs\"";
        return false;
    }

    private static bool Forwarded(IHeaderDictionary headers) =>
        headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Real-IP") || headers.ContainsKey("X-Forwarded-Host");

    private static string? BasicPassword(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Hangfire's storage answers and at least one server is processing jobs.</summary>
public sealed class HangfireHealth(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            return Task.FromResult(servers.Count > 0
                ? HealthCheckResult.Healthy($"{storage.GetType().Name}: {servers.Count} server(s), {servers.Sum(s => s.WorkersCount)} workers.")
                : HealthCheckResult.Degraded($"{storage.GetType().Name} answers, but no Hangfire server is running: jobs will wait."));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage does not answer. Check Hangfire:Storage and Hangfire:ConnectionString.", e));
        }
    }
}
