using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Usage;

namespace FeedbackBot.Storage;

/// <summary>
/// <c>UsageDays</c>: PartitionKey = <c>&lt;tenant&gt;|&lt;api&gt;</c>, RowKey = <c>yyyyMMdd</c> (UTC). A day is the sum of
/// its 24 hour documents, recomputed after each fold and written under the day row's ETag; the hours are read after the
/// day's version, so the last writer always saw every fold before it. A week is one range query of 7 rows.
/// </summary>
public sealed class UsageDayStore(Tables tables, UsageHourStore hours) : IUsageRollups
{
    private long reads;

    public long Reads => Interlocked.Read(ref reads);

    public async Task RefreshAsync(string tenantKey, string apiId, DateOnly day, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Days, cancellationToken);
        var partition = UsageTables.DayPartition(tenantKey, apiId);
        var row = UsageTables.DayRow(day);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, select: ["RowKey"], cancellationToken: cancellationToken);
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var hourly = await Task.WhenAll(Enumerable.Range(0, 24).Select(h => hours.ReadHourAsync(tenantKey, apiId, start.AddHours(h), cancellationToken)));
            var sum = new UsageRollup();
            foreach (var hour in hourly.OfType<UsageRollup>()) sum.Merge(hour);
            var document = new TableEntity(partition, row);
            UsageTables.Write(document, sum);
            try
            {
                if (current.HasValue) await table.UpdateEntityAsync(document, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else await table.AddEntityAsync(document, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance wrote the day meanwhile: read the hours again, after its version.
            }
        }
        throw new InvalidOperationException($"The day {day} of {apiId} changed 20 times while it was being summed; the next fold pass tries again.");
    }

    public async Task<IReadOnlyList<UsageDay>> DaysAsync(string tenantKey, string apiId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Days, cancellationToken);
        var partition = UsageTables.DayPartition(tenantKey, apiId);
        var from = UsageTables.DayRow(first);
        var to = UsageTables.DayRow(last);
        var days = new List<UsageDay>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) <= 0, cancellationToken: cancellationToken))
        {
            Interlocked.Increment(ref reads);
            days.Add(new UsageDay(DateOnly.ParseExact(row.RowKey, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), UsageTables.Read(row)));
        }
        return days;
    }
}
