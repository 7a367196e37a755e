using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Catalog;

namespace FeedbackBot.Storage;

/// <summary>Catalog entries stored from chat. Keys: PartitionKey = tenant key, RowKey = API id (see README.md here).</summary>
public sealed class CatalogStore(Tables tables) : ICatalogStore
{
    public async Task<IReadOnlyList<CatalogEntry>> ListAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Catalog, cancellationToken);
        var entries = new List<CatalogEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Escape(tenantKey)}"), cancellationToken: cancellationToken))
        {
            entries.Add(ToEntry(entity));
        }
        return entries;
    }

    public async Task<CatalogEntry?> GetAsync(string tenantKey, string apiId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Catalog, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantKey), TableKey.Escape(apiId), cancellationToken: cancellationToken);
        return found.HasValue ? ToEntry(found.Value!) : null;
    }

    public async Task<SaveOutcome> AddAsync(string tenantKey, ApiEntry api, string changedBy, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Catalog, cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(tenantKey, api, changedBy), cancellationToken);
            return SaveOutcome.Saved;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return SaveOutcome.AlreadyExists;
        }
    }

    public async Task<SaveOutcome> ReplaceAsync(string tenantKey, ApiEntry api, string etag, string changedBy, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Catalog, cancellationToken);
        // The editor's ETag is the version they loaded: gone, or saved by someone since, and nothing is written.
        var written = await RowUpdate.UpdateAsync(table, TableKey.Escape(tenantKey), TableKey.Escape(api.Id),
            current => current is null ? null : ToEntity(tenantKey, api, changedBy), etag, cancellationToken);
        return written is null ? SaveOutcome.ChangedByOthers : SaveOutcome.Saved;
    }

    private static TableEntity ToEntity(string tenantKey, ApiEntry api, string changedBy) => new(TableKey.Escape(tenantKey), TableKey.Escape(api.Id))
    {
        ["Name"] = api.Name,
        ["Pitch"] = api.Pitch,
        ["Audience"] = api.Audience,
        ["Problem"] = api.Problem,
        ["Status"] = api.Status.ToString(),
        ["Version"] = api.Version,
        ["DocsUrl"] = api.DocsUrl,
        ["Owners"] = string.Join('\n', api.Owners),
        ["ChangedBy"] = changedBy,
    };

    private static CatalogEntry ToEntry(TableEntity entity) => new(
        new ApiEntry(
            Id: TableKey.Unescape(entity.RowKey),
            Name: entity.GetString("Name") ?? "",
            Pitch: entity.GetString("Pitch") ?? "",
            Audience: entity.GetString("Audience") ?? "",
            Problem: entity.GetString("Problem") ?? "",
            Status: Enum.TryParse<ApiLifecycle>(entity.GetString("Status"), out var status) ? status : ApiLifecycle.GA,
            Version: entity.GetString("Version") ?? "",
            DocsUrl: entity.GetString("DocsUrl") ?? "",
            Owners: (entity.GetString("Owners") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)),
        entity.ETag.ToString(),
        Seeded: false);
}
