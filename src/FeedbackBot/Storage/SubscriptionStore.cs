using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Digests;

namespace FeedbackBot.Storage;

/// <summary>
/// Channels subscribed to the digest. Keys: PartitionKey = tenant key, RowKey = channel id. The partition "tenants"
/// lists every tenant with a subscription (one row each), so the weekly fan-out never scans the table. The usage digest
/// keeps its subscriptions the same way, in a table of its own (<paramref name="tableName"/>).
/// </summary>
public sealed class SubscriptionStore(Tables tables, string tableName = Tables.DigestSubscriptions) : ISubscriptionStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SetAsync(DigestSubscription subscription, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        // The tenant row first: a subscription the fan-out cannot find would silently get nothing.
        await TenantRegistry.RegisterAsync(table, subscription.TenantKey, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(TableKey.Escape(subscription.TenantKey), TableKey.Escape(subscription.Channel.Address.ConversationId))
        {
            ["Channel"] = JsonSerializer.Serialize(subscription.Channel, Json),
            ["ApiIds"] = string.Join('\n', subscription.ApiIds),
            ["SetBy"] = subscription.SetBy,
            ["SetAt"] = subscription.SetAt,
            ["Active"] = true,
            ["InactiveReason"] = "",
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> RemoveAsync(string tenantKey, string conversationId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(TableKey.Escape(tenantKey), TableKey.Escape(conversationId), ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task<DigestSubscription?> GetAsync(string tenantKey, string conversationId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantKey), TableKey.Escape(conversationId), cancellationToken: cancellationToken);
        return found.HasValue ? ToSubscription(tenantKey, found.Value!) : null;
    }

    public async Task<IReadOnlyList<DigestSubscription>> ListAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var partition = TableKey.Escape(tenantKey);
        var found = new List<DigestSubscription>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
            found.Add(ToSubscription(tenantKey, row));
        return found;
    }

    public async Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken) =>
        await TenantRegistry.ListAsync(await tables.GetAsync(tableName, cancellationToken), cancellationToken);

    public async Task MarkInactiveAsync(string tenantKey, string conversationId, string reason, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        try
        {
            // Merge, not replace: a `digest here` made meanwhile keeps its APIs (and is marked inactive only by the next failure).
            await table.UpdateEntityAsync(new TableEntity(TableKey.Escape(tenantKey), TableKey.Escape(conversationId))
            {
                ["Active"] = false,
                ["InactiveReason"] = reason,
            }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Unsubscribed meanwhile: nothing left to mark.
        }
    }

    private static DigestSubscription ToSubscription(string tenantKey, TableEntity row) => new(
        tenantKey,
        JsonSerializer.Deserialize<ConversationHandle>(row.GetString("Channel")!, Json)!,
        (row.GetString("ApiIds") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries),
        row.GetString("SetBy") ?? "",
        row.GetDateTimeOffset("SetAt") ?? DateTimeOffset.MinValue,
        row.GetBoolean("Active") ?? true,
        row.GetString("InactiveReason") ?? "");
}
