using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Usage;

namespace FeedbackBot.Storage;

/// <summary>
/// <c>UsageSources</c>: per tenant, its gateway id mappings (<c>&lt;tenant&gt;|map</c>), each key's counts this
/// ISO week (<c>&lt;tenant&gt;|keys</c>, updated under the row's ETag so instances never lose a count) and the gateway
/// ids nobody mapped (<c>&lt;tenant&gt;|unmapped</c>). Small partitions, read whole by chat.
/// </summary>
public sealed class UsageSourceStore(Tables tables) : IUsageSources
{
    private const int KeptReasons = 5;

    public async Task SetMappingAsync(string tenantKey, string gatewayId, string apiId, string by, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Sources, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition(tenantKey, "map"), TableKey.Escape(gatewayId.ToLowerInvariant()))
        {
            ["Api"] = apiId, ["By"] = by,
        }, TableUpdateMode.Replace, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(Partition(tenantKey, "unmapped"), TableKey.Escape(gatewayId.ToLowerInvariant()), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> MappingsAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var mappings = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(tenantKey, "map", cancellationToken)) mappings[TableKey.Unescape(row.RowKey)] = row.GetString("Api")!;
        return mappings;
    }

    public async Task RecordBatchAsync(string tenantKey, string keyName, UsageBatchOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Sources, cancellationToken);
        var week = WeekOf(at);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantKey, "keys"), keyName, cancellationToken: cancellationToken);
            var stats = found.HasValue ? ToStats(found.Value!) : null;
            if (stats is null || stats.Week != week) stats = new UsageSourceStats(keyName, week, null, 0, 0, 0, 0, new Dictionary<string, long>(), []);
            var byKind = new Dictionary<string, long>(stats.RejectedByKind);
            foreach (var (kind, count) in outcome.RejectedByKind) byKind[kind] = byKind.GetValueOrDefault(kind) + count;
            var reasons = outcome.Reasons.Take(KeptReasons).Select(r => $"line {r.Line}: {r.Reason}").Concat(stats.LastReasons).Take(KeptReasons).ToList();
            var row = new TableEntity(Partition(tenantKey, "keys"), keyName)
            {
                ["Week"] = week, ["LastBatchAt"] = at,
                ["Accepted"] = stats.Accepted + outcome.Accepted, ["Duplicate"] = stats.Duplicate + outcome.Duplicate,
                ["Rejected"] = stats.Rejected + outcome.Rejected, ["Unmapped"] = stats.Unmapped + outcome.Unmapped,
                ["RejectedByKind"] = JsonSerializer.Serialize(byKind), ["LastReasons"] = JsonSerializer.Serialize(reasons),
            };
            try
            {
                if (found.HasValue) await table.UpdateEntityAsync(row, found.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else await table.AddEntityAsync(row, cancellationToken);
                break;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another batch of this key counted meanwhile: count again on top of it.
            }
        }
        foreach (var (gatewayId, records) in outcome.UnmappedIds)
        {
            await table.UpsertEntityAsync(new TableEntity(Partition(tenantKey, "unmapped"), TableKey.Escape(gatewayId))
            {
                ["LastSeenAt"] = at, ["LastBatchRecords"] = (long)records,
            }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<UsageSourceStats>> StatsAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var stats = new List<UsageSourceStats>();
        await foreach (var row in QueryAsync(tenantKey, "keys", cancellationToken)) stats.Add(ToStats(row));
        return stats;
    }

    public async Task<IReadOnlyList<UnmappedSource>> UnmappedAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var unmapped = new List<UnmappedSource>();
        await foreach (var row in QueryAsync(tenantKey, "unmapped", cancellationToken))
            unmapped.Add(new UnmappedSource(TableKey.Unescape(row.RowKey), row.GetDateTimeOffset("LastSeenAt") ?? DateTimeOffset.MinValue, row.GetInt64("LastBatchRecords") ?? 0));
        return unmapped.OrderByDescending(u => u.LastSeenAt).ToList();
    }

    public async Task<byte[]> SaltAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Sources, cancellationToken);
        var partition = Partition(tenantKey, "salt");
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, "chart", cancellationToken: cancellationToken);
        if (found.HasValue) return found.Value!.GetBinary("Salt");
        try
        {
            await table.AddEntityAsync(new TableEntity(partition, "chart") { ["Salt"] = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32) }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance made it first: theirs is the salt.
        }
        return (await table.GetEntityAsync<TableEntity>(partition, "chart", cancellationToken: cancellationToken)).Value.GetBinary("Salt");
    }

    public static string WeekOf(DateTimeOffset at) =>
        $"{ISOWeek.GetYear(at.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(at.UtcDateTime).ToString("00", CultureInfo.InvariantCulture)}";

    private async IAsyncEnumerable<TableEntity> QueryAsync(string tenantKey, string kind, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Sources, cancellationToken);
        var partition = Partition(tenantKey, kind);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken)) yield return row;
    }

    private static string Partition(string tenantKey, string kind) => $"{TableKey.Escape(tenantKey)}|{kind}";

    private static UsageSourceStats ToStats(TableEntity row) => new(
        row.RowKey, row.GetString("Week") ?? "", row.GetDateTimeOffset("LastBatchAt"),
        row.GetInt64("Accepted") ?? 0, row.GetInt64("Duplicate") ?? 0, row.GetInt64("Rejected") ?? 0, row.GetInt64("Unmapped") ?? 0,
        JsonSerializer.Deserialize<Dictionary<string, long>>(row.GetString("RejectedByKind") ?? "{}")!,
        JsonSerializer.Deserialize<List<string>>(row.GetString("LastReasons") ?? "[]")!);
}
