using System.Text.Json;
using FeedbackBot.Jobs;
using FeedbackBot.Slack;
using FeedbackBot.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary>
/// <c>GET /health</c>: everything an operator watches (storage, Hangfire, the inbox, draining), each check given at most
/// <see cref="CheckTimeout"/>, so the answer comes within a second or two even when storage hangs; 503 names what is down.
/// <c>GET /health/ready</c>: whether this instance should get traffic (not while draining); for load balancers.
/// </summary>
public static class HealthSetup
{
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1.5);
    private const string Ready = "ready";

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InboxOptions>, InboxOptionsValidation>();
        services.AddSingleton<Draining>();
        services.AddHostedService(sp => sp.GetRequiredService<Draining>());
        services.AddSingleton<InstanceRegistry>();
        services.AddHostedService<InstanceHeartbeat>();
        services.AddSingleton<InboxCensus>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxCensus>());
        services.AddHealthChecks()
            .AddCheck<StorageHealth>("tables", timeout: CheckTimeout)
            .AddCheck<HangfireHealth>("hangfire", timeout: CheckTimeout)
            .AddCheck<InboxHealth>("inbox", timeout: CheckTimeout)
            .AddCheck<DrainingHealth>("instance", tags: [Ready], timeout: CheckTimeout);
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            instance = BotInstance.Id,
            down = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key).ToArray(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = Describe(e.Key, e.Value) }),
        }, JsonSerializerOptions.Web));
    }

    private static readonly Dictionary<string, string> WhatToCheck = new()
    {
        ["tables"] = "Check Storage:ConnectionString, and that Azurite runs when developing.",
        ["hangfire"] = "Check Hangfire:Storage and Hangfire:ConnectionString.",
    };

    private static string? Describe(string name, HealthReportEntry entry) =>
        entry.Status == HealthStatus.Unhealthy && entry.Exception is OperationCanceledException or TimeoutException
            ? $"{name} did not answer within {CheckTimeout.TotalSeconds:0.#} s. {WhatToCheck.GetValueOrDefault(name, "")}".TrimEnd()
            : entry.Description;
}

/// <summary>Unhealthy while acknowledged Slack requests wait longer than <see cref="InboxOptions.StuckAfter"/> (from the last count).</summary>
public sealed class InboxHealth(InboxCensus census, IOptions<InboxOptions> options, IOptions<SlackOptions> slack) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!slack.Value.Enabled) return Task.FromResult(HealthCheckResult.Healthy("Slack is off: no inbox."));
        if (census.Last is not { } seen) return Task.FromResult(HealthCheckResult.Healthy("The inbox has not been counted yet."));
        var counts = $"{seen.Pending} pending, {seen.Processing} processing, {seen.Failed} given up (counted {seen.TakenAt:HH:mm:ss} UTC)";
        return Task.FromResult(seen.Stuck > 0
            ? HealthCheckResult.Unhealthy($"{seen.Stuck} acknowledged Slack request(s) unanswered for more than {options.Value.StuckAfter} " +
                $"(oldest {seen.OldestUnfinished:hh\\:mm\\:ss}); {counts}.")
            : HealthCheckResult.Healthy(counts));
    }
}
