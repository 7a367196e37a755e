using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using FeedbackBot.Hosting;
using FeedbackBot.Slack;

namespace FeedbackBot.Storage;

/// <summary>
/// The inbox of Slack requests, written before Slack gets its 200 (see README.md here for the key design).
/// A retry of a stored request conflicts on insert and is skipped; a claim (an ETag-guarded update) makes sure one
/// worker on one instance processes each request.
/// </summary>
public sealed class SlackInbox(Tables tables, TimeProvider time)
{
    public const int Shards = 16;
    private const int BodyChunk = 30_000;

    public static string ShardOf(string requestId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(requestId));
        return $"inbox-{BitConverter.ToUInt32(hash, 0) % Shards:00}";
    }

    public static string RowKeyOf(string teamId, string requestId) => TableKey.Escape($"{teamId}|{requestId}");

    public static IEnumerable<string> AllShards => Enumerable.Range(0, Shards).Select(i => $"inbox-{i:00}");

    /// <summary>Stores a new request; null when it is stored already (a Slack retry).</summary>
    public async Task<InboxEntry?> AddAsync(SlackRequestKind kind, string teamId, string requestId, string body, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SlackInbox, cancellationToken);
        var entity = new TableEntity(ShardOf(requestId), RowKeyOf(teamId, requestId))
        {
            ["Kind"] = kind.ToString(),
            ["TeamId"] = teamId,
            ["RequestId"] = requestId,
            ["Status"] = nameof(InboxStatus.Pending),
            ["ReceivedAt"] = time.GetUtcNow(),
            ["TraceParent"] = Activity.Current?.Id,
        };
        WriteBody(entity, body);
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            return new InboxEntry(kind, teamId, requestId, body, InboxStatus.Pending, response.Headers.ETag ?? ETag.All) { TraceParent = Activity.Current?.Id };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>The row as stored now (with its ETag, to claim it), or null when it is gone.</summary>
    public async Task<InboxEntry?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SlackInbox, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? ToEntry(found.Value!) : null;
    }

    /// <summary>Marks the entry as being processed here; null when another worker claimed or finished it first.</summary>
    public async Task<InboxEntry?> ClaimAsync(InboxEntry entry, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SlackInbox, cancellationToken);
        var claim = new TableEntity(entry.PartitionKey, entry.RowKey)
        {
            ["Status"] = nameof(InboxStatus.Processing),
            ["ClaimedAt"] = time.GetUtcNow(),
            ["ClaimedBy"] = BotInstance.Id,
        };
        try
        {
            var response = await table.UpdateEntityAsync(claim, entry.ETag, TableUpdateMode.Merge, cancellationToken);
            return entry with { Status = InboxStatus.Processing, ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Gives a claimed row back (status Pending, unclaimed) when this instance stops before finishing it.</summary>
    public async Task ReleaseAsync(InboxEntry entry, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SlackInbox, cancellationToken);
        var release = new TableEntity(entry.PartitionKey, entry.RowKey)
        {
            ["Status"] = nameof(InboxStatus.Pending),
            ["ClaimedBy"] = "",
            ["ReleasedAt"] = time.GetUtcNow(),
        };
        try
        {
            await table.UpdateEntityAsync(release, entry.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // Finished or taken meanwhile: nothing to hand back.
        }
    }

    public async Task FinishAsync(InboxEntry entry, InboxStatus status, string? error, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SlackInbox, cancellationToken);
        var finish = new TableEntity(entry.PartitionKey, entry.RowKey)
        {
            ["Status"] = status.ToString(),
            ["FinishedAt"] = time.GetUtcNow(),
        };
        if (error is not null) finish["Error"] = error.Length > 4000 ? error[..4000] : error;
        await table.UpdateEntityAsync(finish, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Entries nobody finished: pending ones, and ones claimed before <paramref name="claimedBefore"/> (their worker died). One query per shard.</summary>
    public async IAsyncEnumerable<InboxEntry> UnfinishedAsync(DateTimeOffset receivedBefore, DateTimeOffset claimedBefore, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SlackInbox, cancellationToken);
        foreach (var shard in AllShards)
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {shard} and ((Status eq {nameof(InboxStatus.Pending)} and ReceivedAt le {receivedBefore}) or (Status eq {nameof(InboxStatus.Processing)} and ClaimedAt lt {claimedBefore}))");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (ToEntry(entity) is { } entry) yield return entry;
            }
        }
    }

    /// <summary>Deletes finished entries: done ones older than <paramref name="doneBefore"/>, failed ones older than <paramref name="failedBefore"/>.</summary>
    public async Task<int> DeleteFinishedAsync(DateTimeOffset doneBefore, DateTimeOffset failedBefore, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SlackInbox, cancellationToken);
        var deleted = 0;
        foreach (var shard in AllShards)
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {shard} and ((Status eq {nameof(InboxStatus.Done)} and FinishedAt lt {doneBefore}) or (Status eq {nameof(InboxStatus.Failed)} and FinishedAt lt {failedBefore}))");
            var keys = new List<TableEntity>();
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
                keys.Add(entity);
            foreach (var batch in keys.Chunk(100))
            {
                await table.SubmitTransactionAsync(batch.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, k, ETag.All)), cancellationToken);
                deleted += batch.Length;
            }
        }
        return deleted;
    }

    // A property holds at most 32K characters; a request body (a 40,000-character message) can be longer.
    private static void WriteBody(TableEntity entity, string body)
    {
        var parts = (body.Length + BodyChunk - 1) / BodyChunk;
        entity["BodyParts"] = parts;
        for (var i = 0; i < parts; i++) entity[$"Body{i}"] = body.Substring(i * BodyChunk, Math.Min(BodyChunk, body.Length - i * BodyChunk));
    }

    private static InboxEntry? ToEntry(TableEntity entity)
    {
        if (!Enum.TryParse<SlackRequestKind>(entity.GetString("Kind"), out var kind)) return null;
        var parts = entity.GetInt32("BodyParts") ?? 0;
        var body = string.Concat(Enumerable.Range(0, parts).Select(i => entity.GetString($"Body{i}")));
        return new InboxEntry(kind, entity.GetString("TeamId") ?? "", entity.GetString("RequestId") ?? "", body,
            Enum.TryParse<InboxStatus>(entity.GetString("Status"), out var status) ? status : InboxStatus.Pending, entity.ETag)
        {
            TraceParent = entity.GetString("TraceParent"),
        };
    }
}
