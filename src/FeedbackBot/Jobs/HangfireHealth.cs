using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeedbackBot.Jobs;

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
