using Azure;
using Azure.Data.Tables;

namespace FeedbackBot.Storage;

/// <summary>
/// The one way a store changes a row: read it, let the caller's change decide, write it under the ETag it was read
/// with; after a concurrent write (412, or 409 when two create it) read again and run the change on the fresh row.
/// </summary>
public static class RowUpdate
{
    /// <summary>Enough for any real contention on one row; beyond it something is wrong and the caller should hear so.</summary>
    private const int Attempts = 16;

    /// <summary>
    /// <paramref name="change"/> gets the current row (null when there is none: returning a row then creates it) and
    /// returns the row to write, or null to write nothing. With <paramref name="ifVersion"/> nothing is written once the
    /// row's ETag is another (the version a person acted on is stale). Returns the row written (with its new ETag), or null.
    /// </summary>
    public static async Task<TableEntity?> UpdateAsync(
        TableClient table, string partitionKey, string rowKey, Func<TableEntity?, TableEntity?> change, string? ifVersion, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            var current = found.HasValue ? found.Value : null;
            if (ifVersion is not null && current?.ETag.ToString() != ifVersion) return null;
            if (change(current) is not { } changed) return null;
            (changed.PartitionKey, changed.RowKey) = (partitionKey, rowKey);
            try
            {
                var written = current is null
                    ? await table.AddEntityAsync(changed, cancellationToken)
                    : await table.UpdateEntityAsync(changed, current.ETag, TableUpdateMode.Replace, cancellationToken);
                // The version now stored, so a caller that keeps the row can write it next without reading it first.
                changed.ETag = written.Headers.ETag ?? default;
                return changed;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404 && attempt < Attempts)
            {
                // Someone wrote (or deleted) the row in between: read it again and let the change decide anew.
            }
        }
    }

    /// <summary>
    /// As above for a row the store reads as a <typeparamref name="T"/> (<paramref name="read"/>) and writes back
    /// (<paramref name="write"/>); a missing row stays missing. Returns what was written, or null.
    /// </summary>
    public static async Task<T?> UpdateAsync<T>(TableClient table, string partitionKey, string rowKey, Func<TableEntity, T> read, Func<T, T?> change,
        Func<T, TableEntity> write, string? ifVersion, CancellationToken cancellationToken) where T : class
    {
        T? written = null;
        var row = await UpdateAsync(table, partitionKey, rowKey, current =>
        {
            // Set on every attempt, so a change declined on a fresh row after a 412 is not reported as written.
            written = current is null ? null : change(read(current));
            return written is null ? null : write(written);
        }, ifVersion, cancellationToken);
        return row is null ? null : written;
    }
}
