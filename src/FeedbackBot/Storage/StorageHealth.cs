using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeedbackBot.Storage;

/// <summary>Table Storage is reachable: the catalog table can be opened (created if missing) and read.</summary>
public sealed class StorageHealth(Tables tables) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var table = await tables.GetAsync(Tables.Catalog, cancellationToken);
            // A point read of a key nobody writes: proves the service answers without reading anyone's data.
            await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("health", "probe", cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy($"Table Storage answers ({table.AccountName}, table {table.Name}).");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Table Storage does not answer. Check Storage:ConnectionString, and that Azurite runs when developing.", e);
        }
    }
}
