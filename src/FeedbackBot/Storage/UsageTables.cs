using Azure.Data.Tables;
using FeedbackBot.Core.Usage;

namespace FeedbackBot.Storage;

/// <summary>The usage tables (key design: README.md, "Usage analytics") and the row shapes they share.</summary>
public static class UsageTables
{
    public const string Keys = "UsageKeys";
    public const string Sources = "UsageSources";
    public const string Hours = "UsageHours";
    public const string Days = "UsageDays";
    public const string Pending = "UsagePending";
    public const string Links = "UsageLinks";
    public const string Subscriptions = "UsageDigestSubscriptions";

    /// <summary>Table Storage: at most 64 KiB a binary property and 1 MiB an entity (with its keys and other properties).</summary>
    public const int ChunkBytes = 64 * 1024;
    public const int MaxChunks = 15;

    /// <summary>Pending hours are spread over this many partitions, so ingest stays under ~2,000 writes/s a partition.</summary>
    public const int PendingShards = 8;

    public static string HourPartition(string tenantKey, string apiId, DateTimeOffset hour) =>
        $"{TableKey.Escape(tenantKey)}|{TableKey.Escape(apiId)}|{hour.UtcDateTime:yyyyMMddHH}";

    public static string DayPartition(string tenantKey, string apiId) => $"{TableKey.Escape(tenantKey)}|{TableKey.Escape(apiId)}";

    public static string DayRow(DateOnly day) => day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes a rollup's bytes over D0, D1 … (64 KiB each); false when they would not fit one entity.</summary>
    public static bool TryWrite(TableEntity row, UsageRollup rollup)
    {
        var bytes = UsageRollupCodec.Encode(rollup);
        var chunks = (bytes.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks) return false;
        for (var i = 0; i < chunks; i++)
            row[$"D{i}"] = bytes.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, bytes.Length - i * ChunkBytes)).ToArray();
        row["Chunks"] = chunks;
        return true;
    }

    /// <summary>
    /// Writes the rollup, collapsing its smallest consumers into "(other consumers)" until it fits an entity:
    /// totals, routes and latency stay exact; only the long tail of consumers loses its names.
    /// </summary>
    public static void Write(TableEntity row, UsageRollup rollup)
    {
        var consumers = rollup.Firsts.Count;
        while (!TryWrite(row, rollup))
        {
            consumers = Math.Max(1, consumers / 2);
            rollup = rollup.Collapse(consumers);
        }
    }

    public static UsageRollup Read(TableEntity row)
    {
        var chunks = row.GetInt32("Chunks") ?? 0;
        using var bytes = new MemoryStream();
        for (var i = 0; i < chunks; i++) bytes.Write(row.GetBinary($"D{i}"));
        return UsageRollupCodec.Decode(bytes.ToArray());
    }
}
