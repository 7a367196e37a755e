using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Usage;

namespace FeedbackBot.Storage;

/// <summary>
/// <c>UsageHours</c>, one partition per (tenant, API, UTC hour): a marker row per batch (<c>m|&lt;batch id&gt;</c>),
/// the batch's delta (<c>d|&lt;batch id&gt;</c>) and the folded hour document (<c>h</c>). A batch's marker and delta
/// are inserted in one entity-group transaction, so a resent batch conflicts on its marker and changes nothing, and a
/// batch cut off halfway is completed by its retry hour by hour. <c>UsagePending</c> names the hours with deltas
/// still to fold, so the fold job never searches for them.
/// </summary>
public sealed class UsageHourStore(Tables tables)
{
    public const string HourRow = "h";
    private const string DeltaFrom = "d|";
    private const string DeltaTo = "d}";
    private const int MaxDeltasPerFold = 99;

    /// <summary>Stores one (API, hour) of a batch; false when this batch had stored it already (a resend).</summary>
    public async Task<bool> WriteAsync(string tenantKey, string batchId, HourDelta delta, CancellationToken cancellationToken)
    {
        // Pending first: a delta the fold job cannot find would stay invisible until the next batch of that hour.
        var pending = await tables.GetAsync(UsageTables.Pending, cancellationToken);
        var pendingKey = PendingRow(tenantKey, delta.ApiId, delta.Hour);
        await pending.UpsertEntityAsync(new TableEntity(PendingShard(pendingKey), pendingKey)
        {
            ["Tenant"] = tenantKey, ["Api"] = delta.ApiId, ["Hour"] = delta.Hour,
        }, TableUpdateMode.Replace, cancellationToken);

        var hours = await tables.GetAsync(UsageTables.Hours, cancellationToken);
        var partition = UsageTables.HourPartition(tenantKey, delta.ApiId, delta.Hour);
        var row = new TableEntity(partition, "d|" + batchId) { ["Records"] = (long)delta.Records };
        UsageTables.Write(row, delta.Rollup);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity(partition, "m|" + batchId) { ["Records"] = (long)delta.Records }),
            new(TableTransactionActionType.Add, row),
        ];
        try
        {
            await hours.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Adds the hour's deltas into its document and deletes them in the same transaction, under the document's ETag:
    /// two instances folding at once cannot both succeed on the same version, so every delta is counted exactly once.
    /// Returns how many deltas this call folded.
    /// </summary>
    public async Task<int> FoldAsync(string tenantKey, string apiId, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var hours = await tables.GetAsync(UsageTables.Hours, cancellationToken);
        var partition = UsageTables.HourPartition(tenantKey, apiId, hour);
        var folded = 0;
        while (true)
        {
            var current = await hours.GetEntityIfExistsAsync<TableEntity>(partition, HourRow, cancellationToken: cancellationToken);
            var deltas = new List<TableEntity>();
            await foreach (var row in hours.QueryAsync<TableEntity>(
                e => e.PartitionKey == partition && e.RowKey.CompareTo(DeltaFrom) >= 0 && e.RowKey.CompareTo(DeltaTo) < 0,
                maxPerPage: MaxDeltasPerFold, cancellationToken: cancellationToken))
            {
                deltas.Add(row);
                if (deltas.Count == MaxDeltasPerFold) break;
            }
            if (deltas.Count == 0) return folded;

            var rollup = current.HasValue ? UsageTables.Read(current.Value!) : new UsageRollup();
            var records = current.HasValue ? current.Value!.GetInt64("Records") ?? 0 : 0;
            foreach (var delta in deltas)
            {
                rollup.Merge(UsageTables.Read(delta));
                records += delta.GetInt64("Records") ?? 0;
            }
            var document = new TableEntity(partition, HourRow) { ["Records"] = records };
            UsageTables.Write(document, rollup);
            var actions = new List<TableTransactionAction>
            {
                current.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, document, current.Value!.ETag)
                    : new(TableTransactionActionType.Add, document),
            };
            actions.AddRange(deltas.Select(d => new TableTransactionAction(TableTransactionActionType.Delete, d, d.ETag)));
            try
            {
                await hours.SubmitTransactionAsync(actions, cancellationToken);
                folded += deltas.Count;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Another instance folded first: read its document and whatever deltas are left.
            }
        }
    }

    /// <summary>The hour's folded document; null when nothing was folded into it yet.</summary>
    public async Task<UsageRollup?> ReadHourAsync(string tenantKey, string apiId, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var hours = await tables.GetAsync(UsageTables.Hours, cancellationToken);
        var found = await hours.GetEntityIfExistsAsync<TableEntity>(UsageTables.HourPartition(tenantKey, apiId, hour), HourRow, cancellationToken: cancellationToken);
        return found.HasValue ? UsageTables.Read(found.Value!) : null;
    }

    /// <summary>The hours with deltas to fold, as written by ingest (an upsert per batch and hour).</summary>
    public async Task<IReadOnlyList<PendingHour>> PendingAsync(CancellationToken cancellationToken)
    {
        var pending = await tables.GetAsync(UsageTables.Pending, cancellationToken);
        var found = new List<PendingHour>();
        for (var shard = 0; shard < UsageTables.PendingShards; shard++)
        {
            var partition = "p" + shard;
            await foreach (var row in pending.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
                found.Add(new PendingHour(row.GetString("Tenant")!, row.GetString("Api")!, row.GetDateTimeOffset("Hour")!.Value, row.PartitionKey, row.RowKey, row.ETag));
        }
        return found;
    }

    /// <summary>Done with an hour, unless a batch arrived since it was read (its ETag changed): then it stays for the next pass.</summary>
    public async Task CompleteAsync(PendingHour hour, CancellationToken cancellationToken)
    {
        var pending = await tables.GetAsync(UsageTables.Pending, cancellationToken);
        try
        {
            await pending.DeleteEntityAsync(hour.Partition, hour.Row, hour.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }

    private static string PendingRow(string tenantKey, string apiId, DateTimeOffset hour) =>
        UsageTables.HourPartition(tenantKey, apiId, hour);

    private static string PendingShard(string row)
    {
        var hash = 0u;
        foreach (var c in row) hash = hash * 31 + c;
        return "p" + hash % UsageTables.PendingShards;
    }
}

/// <summary>An hour with deltas to fold, and the pending row's version (so completing it never hides a newer batch).</summary>
public sealed record PendingHour(string TenantKey, string ApiId, DateTimeOffset Hour, string Partition, string Row, ETag ETag);
