using Azure.Data.Tables;

namespace FeedbackBot.Storage;

/// <summary>
/// The partition <c>tenants</c> of a table: one row per tenant that has rows in it, so a job that visits every tenant
/// (triage reminders, digests, the survey scheduler) reads one partition instead of scanning the table. Tenant keys
/// (<c>teams:…</c>, <c>slack:…</c>) never escape to "tenants", so the partition cannot collide with a tenant's own.
/// </summary>
public static class TenantRegistry
{
    public const string Partition = "tenants";

    /// <summary>Written before the tenant's first row, so a row never exists that the jobs cannot find.</summary>
    public static Task RegisterAsync(TableClient table, string tenantKey, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(Partition, TableKey.Escape(tenantKey)), TableUpdateMode.Replace, cancellationToken);

    public static async Task<IReadOnlyList<string>> ListAsync(TableClient table, CancellationToken cancellationToken)
    {
        var tenants = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), select: ["RowKey"], cancellationToken: cancellationToken))
            tenants.Add(TableKey.Unescape(row.RowKey));
        return tenants;
    }
}
