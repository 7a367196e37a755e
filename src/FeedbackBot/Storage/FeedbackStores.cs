using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Storage;

/// <summary>Drafts waiting on their reporter. Keys: PartitionKey = tenant key + '|' + person key, RowKey = draft id.</summary>
public sealed class DraftStore(Tables tables, TimeProvider time) : IDraftStore
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> SaveAsync(string tenantKey, string personKey, ReportDraft draft, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Drafts, cancellationToken);
        var id = "d" + Guid.NewGuid().ToString("N")[..12];
        await table.AddEntityAsync(new TableEntity(Partition(tenantKey, personKey), id)
        {
            ["Draft"] = JsonSerializer.Serialize(draft, Json),
            ["ExpiresAt"] = time.GetUtcNow() + Lifetime,
        }, cancellationToken);
        return id;
    }

    public async Task<ReportDraft?> GetAsync(string tenantKey, string personKey, string draftId, CancellationToken cancellationToken)
    {
        if (draftId.Length is 0 or > 40) return null;
        var table = await tables.GetAsync(Tables.Drafts, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantKey, personKey), TableKey.Escape(draftId), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.GetDateTimeOffset("ExpiresAt") < time.GetUtcNow()) return null;
        return JsonSerializer.Deserialize<ReportDraft>(found.Value.GetString("Draft")!, Json);
    }

    public async Task DeleteAsync(string tenantKey, string personKey, string draftId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Drafts, cancellationToken);
        await table.DeleteEntityAsync(Partition(tenantKey, personKey), TableKey.Escape(draftId), cancellationToken: cancellationToken);
    }

    private static string Partition(string tenantKey, string personKey) => TableKey.Escape($"{tenantKey}|{personKey}");
}

/// <summary>
/// Triage channels. Keys: PartitionKey = tenant key, RowKey = API id or '*'. The partition "tenants" lists every
/// tenant with a route (one row each), so the reminder job never scans the table.
/// </summary>
public sealed class TriageChannelStore(Tables tables) : ITriageChannelStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SetAsync(TriageChannel route, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.TriageRoutes, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(TableKey.Escape(route.TenantKey), TableKey.Escape(route.ApiId))
        {
            ["Channel"] = JsonSerializer.Serialize(route.Channel, Json),
            ["SetBy"] = route.SetBy,
            ["SetAt"] = route.SetAt,
        }, TableUpdateMode.Replace, cancellationToken);
        await TenantRegistry.RegisterAsync(table, route.TenantKey, cancellationToken);
    }

    public async Task<TriageChannel?> FindAsync(string tenantKey, string apiId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.TriageRoutes, cancellationToken);
        foreach (var row in new[] { apiId, TriageChannel.AllApis })
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantKey), TableKey.Escape(row), cancellationToken: cancellationToken);
            if (found.HasValue) return ToRoute(tenantKey, found.Value!);
        }
        return null;
    }

    public async Task<IReadOnlyList<TriageChannel>> ListAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.TriageRoutes, cancellationToken);
        var routes = new List<TriageChannel>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == TableKey.Escape(tenantKey), cancellationToken: cancellationToken))
        {
            routes.Add(ToRoute(tenantKey, row));
        }
        return routes;
    }

    public async Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken) =>
        await TenantRegistry.ListAsync(await tables.GetAsync(Tables.TriageRoutes, cancellationToken), cancellationToken);

    private static TriageChannel ToRoute(string tenantKey, TableEntity row) => new(
        tenantKey, TableKey.Unescape(row.RowKey), JsonSerializer.Deserialize<ConversationHandle>(row.GetString("Channel")!, Json)!,
        row.GetString("SetBy") ?? "", row.GetDateTimeOffset("SetAt") ?? DateTimeOffset.MinValue);
}

/// <summary>Deliveries of scheduled messages. Keys: PartitionKey = the delivery (e.g. a reminder run), RowKey = the destination.</summary>
public sealed class DeliveryLog(Tables tables, TimeProvider time) : IDeliveryLog
{
    public async Task<bool> TryStartAsync(string delivery, string destination, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Deliveries, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(TableKey.Escape(delivery), TableKey.Escape(destination)) { ["Status"] = "Sending", ["StartedAt"] = time.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task CompleteAsync(string delivery, string destination, string messageId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Deliveries, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(TableKey.Escape(delivery), TableKey.Escape(destination))
        {
            ["Status"] = "Sent", ["MessageId"] = messageId, ["SentAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task ReleaseAsync(string delivery, string destination, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Deliveries, cancellationToken);
        await table.DeleteEntityAsync(TableKey.Escape(delivery), TableKey.Escape(destination), cancellationToken: cancellationToken);
    }
}
