using System.Text.Json;
using Azure.Data.Tables;
using FeedbackBot.Core.GoToMarket;

namespace FeedbackBot.Storage;

/// <summary>Each tenant's go-to-market checklist. Keys: PartitionKey = tenant key, RowKey = <c>checklist</c>; Steps as JSON.</summary>
public sealed class GtmTemplateStore(Tables tables) : IGtmTemplateStore
{
    private const string Row = "checklist";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<GtmTemplate?> GetAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.GtmTemplates, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantKey), Row, cancellationToken: cancellationToken);
        return found.HasValue ? new GtmTemplate(JsonSerializer.Deserialize<List<GtmStep>>(found.Value!.GetString("Steps")!, Json)!) : null;
    }

    public async Task SaveAsync(string tenantKey, GtmTemplate template, string changedBy, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.GtmTemplates, cancellationToken);
        // The last save wins: the form always carries the whole checklist, so nothing half-merged can result.
        await table.UpsertEntityAsync(new TableEntity(TableKey.Escape(tenantKey), Row)
        {
            ["Steps"] = JsonSerializer.Serialize(template.Steps, Json), ["ChangedBy"] = changedBy,
        }, TableUpdateMode.Replace, cancellationToken);
    }
}
