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
        var number = first;
        // Re-run on the fresh row when another instance took a number first, so each number is handed out once.
        await RowUpdate.UpdateAsync(counters, TableKey.Escape(tenantKey), sequence, row =>
        {
            number = row?.GetInt32("Next") ?? first;
            return new TableEntity { ["Next"] = number + 1 };
        }, ifVersion: null, cancellationToken);
        return number;
    }
}
