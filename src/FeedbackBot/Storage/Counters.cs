using Azure;
using Azure.Data.Tables;

namespace FeedbackBot.Storage;

/// <summary>
/// Per-tenant sequences (report and road map item numbers). Keys: PartitionKey = tenant key, RowKey = the sequence.
/// Incremented with the row's ETag, so two instances never hand out the same number.
/// </summary>
public sealed class Counters(Tables tables)
{
    public async Task<int> NextAsync(string tenantKey, string sequence, int first, CancellationToken cancellationToken)
    {
        var counters = await tables.GetAsync(Tables.Counters, cancellationToken);
        var (partition, row) = (TableKey.Escape(tenantKey), sequence);
        while (true)
        {
            var found = await counters.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            try
            {
                if (!found.HasValue)
                {
                    await counters.AddEntityAsync(new TableEntity(partition, row) { ["Next"] = first + 1 }, cancellationToken);
                    return first;
                }
                var number = found.Value!.GetInt32("Next") ?? first;
                found.Value["Next"] = number + 1;
                await counters.UpdateEntityAsync(found.Value, found.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return number;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance took this number first: read again and take the next one.
            }
        }
    }
}
