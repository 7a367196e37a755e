using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary>
/// Whether this instance is shutting down. From the moment the host is asked to stop, <c>/health/ready</c> fails; the
/// instance keeps serving for <see cref="InboxOptions.DrainDelay"/> so a load balancer notices, then its workers stop
/// taking new work and finish or hand back what they hold (see <see cref="Slack.SlackInboxWorker"/>).
/// </summary>
public sealed class Draining(IOptions<InboxOptions> options, IHostApplicationLifetime lifetime, ILogger<Draining> log) : IHostedLifecycleService
{
    private volatile bool draining;

    public bool IsDraining => draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        draining = true;
        log.LogInformation("Draining: /health/ready now fails; serving {Delay} more before the workers stop", options.Value.DrainDelay);
        if (options.Value.DrainDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(options.Value.DrainDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Asked to stop (SIGTERM, <c>StopApplication</c>): not ready from this moment, before the host starts stopping services.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => draining = true);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Ready unless draining: the one thing that is this instance's alone (storage and Hangfire are shared by all).</summary>
public sealed class DrainingHealth(Draining draining) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(draining.IsDraining
            ? HealthCheckResult.Unhealthy($"Instance {BotInstance.Id} is shutting down and takes no new work.")
            : HealthCheckResult.Healthy($"Instance {BotInstance.Id} takes work."));
}
