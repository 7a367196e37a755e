using Azure.Data.Tables;

namespace FeedbackBot.Storage;

/// <summary>
/// Rows that live in their API's partition (<c>{tenant}|api|{api}</c>, RowKey = the id), so an API's rows are one
/// partition query, with a pointer row per id (<c>{tenant}|id|{id}</c> in the index table, naming the API), so one
/// row is found by its id in two point reads. Reports and road map items are kept this way.
/// </summary>
public sealed class ApiPartitionedRows(Tables tables, string rowTable, string indexTable)
{
    public static string ApiPartition(string tenantKey, string apiId) => TableKey.Escape($"{tenantKey}|api|{apiId}");

    public static string IdPartition(string tenantKey, string id) => TableKey.Escape($"{tenantKey}|id|{id}");

    /// <summary>
    /// Pointers first (the id pointer, then <paramref name="moreIndexRows"/>), the row last: a crash in between leaves a
    /// pointer to nothing (read as "no such row"), never a row nobody can find.
    /// </summary>
    public async Task AddAsync(string tenantKey, string apiId, string id, TableEntity row, IEnumerable<TableEntity> moreIndexRows, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(indexTable, cancellationToken);
        await index.UpsertEntityAsync(new TableEntity(IdPartition(tenantKey, id), "") { ["ApiId"] = apiId }, TableUpdateMode.Replace, cancellationToken);
        foreach (var more in moreIndexRows) await index.UpsertEntityAsync(more, TableUpdateMode.Replace, cancellationToken);
        (row.PartitionKey, row.RowKey) = (ApiPartition(tenantKey, apiId), TableKey.Escape(id));
        var rows = await tables.GetAsync(rowTable, cancellationToken);
        await rows.AddEntityAsync(row, cancellationToken);
    }

    /// <summary>The row with that id (its ETag on it), or null.</summary>
    public async Task<TableEntity?> GetAsync(string tenantKey, string id, CancellationToken cancellationToken) =>
        await ApiOfAsync(tenantKey, id, cancellationToken) is { } apiId
            ? await GetAsync(await tables.GetAsync(rowTable, cancellationToken), ApiPartition(tenantKey, apiId), TableKey.Escape(id), cancellationToken)
            : null;

    /// <summary>
    /// The API's rows, optionally narrowed by an OData <paramref name="filter"/> (it is ANDed with the partition), the
    /// first <paramref name="take"/> of them when given.
    /// </summary>
    public async Task<IReadOnlyList<TableEntity>> ListAsync(string tenantKey, string apiId, string? filter, CancellationToken cancellationToken, int? take = null)
    {
        var rows = await tables.GetAsync(rowTable, cancellationToken);
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {ApiPartition(tenantKey, apiId)}");
        var found = new List<TableEntity>();
        await foreach (var row in rows.QueryAsync<TableEntity>(filter is null ? partition : $"{partition} and ({filter})", maxPerPage: take, cancellationToken: cancellationToken))
        {
            found.Add(row);
            if (found.Count == take) break;
        }
        return found;
    }

    /// <summary>Changes the row with that id through <see cref="RowUpdate"/>; null when there is none or nothing was written.</summary>
    public async Task<T?> UpdateAsync<T>(string tenantKey, string id, Func<TableEntity, T> read, Func<T, T?> change, Func<T, TableEntity> write,
        string? ifVersion, CancellationToken cancellationToken) where T : class
    {
        if (await ApiOfAsync(tenantKey, id, cancellationToken) is not { } apiId) return null;
        var rows = await tables.GetAsync(rowTable, cancellationToken);
        return await RowUpdate.UpdateAsync(rows, ApiPartition(tenantKey, apiId), TableKey.Escape(id), read, change, write, ifVersion, cancellationToken);
    }

    /// <summary>Deletes the row, then its id pointer (<paramref name="moreIndexRows"/> too).</summary>
    public async Task DeleteAsync(string tenantKey, string id, string apiId, IEnumerable<(string Partition, string Row)> moreIndexRows, CancellationToken cancellationToken)
    {
        var rows = await tables.GetAsync(rowTable, cancellationToken);
        await rows.DeleteEntityAsync(ApiPartition(tenantKey, apiId), TableKey.Escape(id), cancellationToken: cancellationToken);
        var index = await tables.GetAsync(indexTable, cancellationToken);
        await index.DeleteEntityAsync(IdPartition(tenantKey, id), "", cancellationToken: cancellationToken);
        foreach (var (partition, row) in moreIndexRows) await index.DeleteEntityAsync(partition, row, cancellationToken: cancellationToken);
    }

    private async Task<string?> ApiOfAsync(string tenantKey, string id, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(indexTable, cancellationToken);
        return (await GetAsync(index, IdPartition(tenantKey, id), "", cancellationToken))?.GetString("ApiId");
    }

    private static async Task<TableEntity?> GetAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
