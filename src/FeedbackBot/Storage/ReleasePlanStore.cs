using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.GoToMarket;

namespace FeedbackBot.Storage;

/// <summary>
/// Release plans. Keys: PartitionKey = tenant key, RowKey = <c>&lt;api id&gt;|&lt;version&gt;</c>; the plan is one JSON
/// property (a checklist of at most 20 steps stays far below 32K characters). The partition <c>tenants</c> lists the
/// tenants with a plan, written before the plan (see README.md here).
/// </summary>
public sealed class ReleasePlanStore(Tables tables) : IReleasePlanStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ReleasePlan?> GetAsync(string tenantKey, string apiId, string version, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReleasePlans, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantKey), TableKey.Escape(ReleasePlan.Keys(apiId, version)), cancellationToken: cancellationToken);
        return found.HasValue ? Read(found.Value!) : null;
    }

    public async Task<bool> AddAsync(ReleasePlan plan, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReleasePlans, cancellationToken);
        await TenantRegistry.RegisterAsync(table, plan.TenantKey, cancellationToken);
        try
        {
            await table.AddEntityAsync(Write(plan), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<ReleasePlan?> UpdateAsync(string tenantKey, string planKey, Func<ReleasePlan, ReleasePlan?> change, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReleasePlans, cancellationToken);
        return await RowUpdate.UpdateAsync(table, TableKey.Escape(tenantKey), TableKey.Escape(planKey), Read, change, Write, ifVersion: null, cancellationToken);
    }

    public async Task<IReadOnlyList<ReleasePlan>> ListAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReleasePlans, cancellationToken);
        var plans = new List<ReleasePlan>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == TableKey.Escape(tenantKey), cancellationToken: cancellationToken)) plans.Add(Read(row));
        return plans;
    }

    public async Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReleasePlans, cancellationToken);
        return await TenantRegistry.ListAsync(table, cancellationToken);
    }

    private static ReleasePlan Read(TableEntity row) => JsonSerializer.Deserialize<ReleasePlan>(row.GetString("Plan")!, Json)!;

    private static TableEntity Write(ReleasePlan plan) => new(TableKey.Escape(plan.TenantKey), TableKey.Escape(plan.Key))
    {
        ["Plan"] = JsonSerializer.Serialize(plan, Json),
    };
}
