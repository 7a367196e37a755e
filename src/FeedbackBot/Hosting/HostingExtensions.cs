using System.Text.Json;
using FeedbackBot.Jobs;
using FeedbackBot.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace FeedbackBot.Hosting;

public static class HostingExtensions
{
    /// <summary>
    /// appsettings.json lives at the repository root and is copied beside the binaries; read it from there, in the
    /// place ASP.NET Core gives it (so environment variables, user secrets and the command line still win over it).
    /// </summary>
    public static void UseAppSettingsBesideBinaries(this ConfigurationManager configuration)
    {
        IConfigurationBuilder builder = configuration;
        var sources = builder.Sources;
        var replacement = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        if (index >= 0) sources[index] = replacement;
        else sources.Insert(0, replacement);
    }

    /// <summary>The checks behind <c>GET /health</c>: Table Storage answers, and Hangfire's storage and servers.</summary>
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealth>("tables")
            .AddCheck<HangfireHealth>("hangfire");
        return builder;
    }

    /// <summary><c>GET /health</c>: each check's status and what it saw, 200 when healthy or degraded, 503 when not.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                }, JsonSerializerOptions.Web));
            },
        });
        return app;
    }
}
