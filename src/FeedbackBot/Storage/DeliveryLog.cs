using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Storage;

/// <summary>Deliveries of scheduled messages. Keys: PartitionKey = the delivery (e.g. a reminder run), RowKey = the destination.</summary>
public sealed class DeliveryLog(Tables tables, TimeProvider time) : IDeliveryLog
{
    public async Task<bool> TryStartAsync(string delivery, string destination, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Deliveries, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(TableKey.Escape(delivery), TableKey.Escape(destination)) { ["Status"] = "Sending", ["StartedAt"] = time.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task CompleteAsync(string delivery, string destination, string messageId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Deliveries, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(TableKey.Escape(delivery), TableKey.Escape(destination))
        {
            ["Status"] = "Sent", ["MessageId"] = messageId, ["SentAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task ReleaseAsync(string delivery, string destination, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Deliveries, cancellationToken);
        await table.DeleteEntityAsync(TableKey.Escape(delivery), TableKey.Escape(destination), cancellationToken: cancellationToken);
    }
}
