using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Usage;

namespace FeedbackBot.Storage;

/// <summary>
/// Ingest keys. <c>UsageKeys</c>: PartitionKey = tenant key, RowKey = key name (what chat lists and revokes); and
/// PartitionKey = <c>secret</c>, RowKey = SHA-256 of the secret (the ingest path's one point read). Revoking deletes
/// the secret row, so a revoked key finds nothing.
/// </summary>
public sealed class UsageKeyStore(Tables tables) : IUsageKeyStore
{
    private const string SecretPartition = "secret";

    public async Task<bool> AddAsync(UsageKey key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Keys, cancellationToken);
        try
        {
            // The name row first: it is the claim on the name; a secret row without it can never exist.
            await table.AddEntityAsync(ToRow(TableKey.Escape(key.TenantKey), key.Name, key), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
        await table.AddEntityAsync(ToRow(SecretPartition, key.SecretHash, key), cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<UsageKey>> ListAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Keys, cancellationToken);
        var partition = TableKey.Escape(tenantKey);
        var keys = new List<UsageKey>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken)) keys.Add(ToKey(row));
        return keys.OrderBy(k => k.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<UsageKey?> FindBySecretHashAsync(string secretHash, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Keys, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(SecretPartition, secretHash, cancellationToken: cancellationToken);
        return found.HasValue ? ToKey(found.Value!) : null;
    }

    public async Task<bool> RevokeAsync(string tenantKey, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Keys, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantKey), name, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.GetDateTimeOffset("RevokedAt") is not null) return false;
        // The secret row goes first: from then on the key is refused, whatever happens to the name row.
        try
        {
            await table.DeleteEntityAsync(SecretPartition, found.Value.GetString("SecretHash"), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
        await table.UpdateEntityAsync(new TableEntity(found.Value.PartitionKey, found.Value.RowKey) { ["RevokedAt"] = at }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        return true;
    }

    private static TableEntity ToRow(string partition, string row, UsageKey key) => new(partition, row)
    {
        ["Tenant"] = key.TenantKey,
        ["Name"] = key.Name,
        ["Apis"] = string.Join('\n', key.Apis),
        ["SecretHash"] = key.SecretHash,
        ["HashConsumers"] = key.HashConsumers,
        ["ConsumerAttribute"] = key.ConsumerAttribute,
        ["CreatedBy"] = key.CreatedBy,
        ["CreatedAt"] = key.CreatedAt,
    };

    private static UsageKey ToKey(TableEntity row) => new(
        row.GetString("Tenant")!, row.GetString("Name")!,
        (row.GetString("Apis") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries), row.GetString("SecretHash") ?? "",
        row.GetBoolean("HashConsumers") ?? false, row.GetString("ConsumerAttribute") ?? OtlpFormat.DefaultConsumerAttribute,
        row.GetString("CreatedBy") ?? "", row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, row.GetDateTimeOffset("RevokedAt"));
}
