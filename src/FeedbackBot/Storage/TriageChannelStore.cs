using System.Text.Json;
using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Storage;

/// <summary>
/// Triage channels. Keys: PartitionKey = tenant key, RowKey = API id or '*'. The partition "tenants" lists every
/// tenant with a triage channel (one row each), so the reminder job never scans the table.
/// </summary>
public sealed class TriageChannelStore(Tables tables) : ITriageChannelStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SetAsync(TriageChannel channel, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.TriageChannels, cancellationToken);
        // The tenant first (Storage/README.md: registry rows before the rows they list), so the reminder job finds every channel.
        await TenantRegistry.RegisterAsync(table, channel.TenantKey, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(TableKey.Escape(channel.TenantKey), TableKey.Escape(channel.ApiId))
        {
            ["Channel"] = JsonSerializer.Serialize(channel.Channel, Json),
            ["SetBy"] = channel.SetBy,
            ["SetAt"] = channel.SetAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<TriageChannel?> FindAsync(string tenantKey, string apiId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.TriageChannels, cancellationToken);
        foreach (var row in new[] { apiId, TriageChannel.AllApis })
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantKey), TableKey.Escape(row), cancellationToken: cancellationToken);
            if (found.HasValue) return ToChannel(tenantKey, found.Value!);
        }
        return null;
    }

    public async Task<IReadOnlyList<TriageChannel>> ListAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.TriageChannels, cancellationToken);
        var channels = new List<TriageChannel>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Escape(tenantKey)}"), cancellationToken: cancellationToken))
        {
            channels.Add(ToChannel(tenantKey, row));
        }
        return channels;
    }

    public async Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken) =>
        await TenantRegistry.ListAsync(await tables.GetAsync(Tables.TriageChannels, cancellationToken), cancellationToken);

    private static TriageChannel ToChannel(string tenantKey, TableEntity row) => new(
        tenantKey, TableKey.Unescape(row.RowKey), JsonSerializer.Deserialize<ConversationHandle>(row.GetString("Channel")!, Json)!,
        row.GetString("SetBy") ?? "", row.GetDateTimeOffset("SetAt") ?? DateTimeOffset.MinValue);
}
