using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace FeedbackBot.Storage;

/// <summary>
/// Per-tenant sequences (report and road map item numbers). Keys: PartitionKey = tenant key, RowKey = the sequence.
/// Incremented with the row's ETag, so two instances never hand out the same number. Within an instance the numbers of
/// a sequence are handed out one at a time, and the row as last written is kept: the next number is one write under
/// that ETag, no read and no lost race with this instance's own turns; a 412 means another instance moved on, and the
/// row is read again.
/// </summary>
public sealed class Counters(Tables tables)
{
    private readonly ConcurrentDictionary<(string Tenant, string Sequence), Sequence> sequences = new();

    public async Task<int> NextAsync(string tenantKey, string sequence, int first, CancellationToken cancellationToken)
    {
        var counters = await tables.GetAsync(Tables.Counters, cancellationToken);
        var (partition, row) = (TableKey.Escape(tenantKey), sequence);
        var kept = sequences.GetOrAdd((partition, row), _ => new Sequence());
        await kept.Turn.WaitAsync(cancellationToken);
        try
        {
            if (kept.Last is { } last && await TryNextAsync(counters, last, cancellationToken) is { } fast)
            {
                kept.Last = fast.Row;
                return fast.Number;
            }
            var number = first;
            // Re-run on the fresh row when another instance took a number first, so each number is handed out once.
            kept.Last = await RowUpdate.UpdateAsync(counters, partition, row, current =>
            {
                number = current?.GetInt32("Next") ?? first;
                return new TableEntity { ["Next"] = number + 1 };
            }, ifVersion: null, cancellationToken);
            return number;
        }
        finally
        {
            kept.Turn.Release();
        }
    }

    /// <summary>The next number written under the kept row's ETag; null when another instance wrote the row since.</summary>
    private static async Task<(int Number, TableEntity Row)?> TryNextAsync(TableClient counters, TableEntity last, CancellationToken cancellationToken)
    {
        if (last.ETag == default || last.GetInt32("Next") is not { } number) return null;
        var next = new TableEntity(last.PartitionKey, last.RowKey) { ["Next"] = number + 1 };
        try
        {
            var written = await counters.UpdateEntityAsync(next, last.ETag, TableUpdateMode.Replace, cancellationToken);
            next.ETag = written.Headers.ETag ?? default;
            return (number, next);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    private sealed class Sequence
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public TableEntity? Last { get; set; }
    }
}
