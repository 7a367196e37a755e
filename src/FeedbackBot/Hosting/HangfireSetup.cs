using FeedbackBot.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

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
            .UseTypeResolver(MovedJobTypes.Resolve)
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
