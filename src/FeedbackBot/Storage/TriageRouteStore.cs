using System.Text.Json;
using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Storage;

/// <summary>
/// Triage channels. Keys: PartitionKey = tenant key, RowKey = API id or '*'. The partition "tenants" lists every
/// tenant with a route (one row each), so the reminder job never scans the table.
/// </summary>
public sealed class TriageRouteStore(Tables tables) : ITriageRoutes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SetAsync(TriageRoute route, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.TriageRoutes, cancellationToken);
        // The tenant row first (Storage/README.md): a crash in between leaves a harmless registry entry, never a channel the reminder job cannot find.
        await TenantRegistry.RegisterAsync(table, route.TenantKey, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(TableKey.Escape(route.TenantKey), TableKey.Escape(route.ApiId))
        {
            ["Channel"] = JsonSerializer.Serialize(route.Channel, Json),
            ["SetBy"] = route.SetBy,
            ["SetAt"] = route.SetAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<TriageRoute?> FindAsync(string tenantKey, string apiId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.TriageRoutes, cancellationToken);
        foreach (var row in new[] { apiId, TriageRoute.AllApis })
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantKey), TableKey.Escape(row), cancellationToken: cancellationToken);
            if (found.HasValue) return ToRoute(tenantKey, found.Value!);
        }
        return null;
    }

    public async Task<IReadOnlyList<TriageRoute>> ListAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.TriageRoutes, cancellationToken);
        var routes = new List<TriageRoute>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == TableKey.Escape(tenantKey), cancellationToken: cancellationToken))
        {
            routes.Add(ToRoute(tenantKey, row));
        }
        return routes;
    }

    public async Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken) =>
        await TenantRegistry.ListAsync(await tables.GetAsync(Tables.TriageRoutes, cancellationToken), cancellationToken);

    private static TriageRoute ToRoute(string tenantKey, TableEntity row) => new(
        tenantKey, TableKey.Unescape(row.RowKey), JsonSerializer.Deserialize<ConversationHandle>(row.GetString("Channel")!, Json)!,
        row.GetString("SetBy") ?? "", row.GetDateTimeOffset("SetAt") ?? DateTimeOffset.MinValue);
}
