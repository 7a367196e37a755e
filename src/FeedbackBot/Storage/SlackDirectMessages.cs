using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace FeedbackBot.Storage;

/// <summary>
/// Each person's DM channel with the bot, once opened. <c>conversations.open</c> is Slack tier 3 (50+ a minute per
/// workspace), so a survey and its reminder to thousands, or a reporter told of every triage decision, must not open
/// the same DM again: the channel id is kept here (in memory, and in Table Storage for other instances and restarts).
/// Keys: PartitionKey = team id, RowKey = user id.
/// </summary>
public sealed class SlackDirectMessages(Tables tables)
{
    private readonly ConcurrentDictionary<(string Team, string User), string> known = new();

    public async Task<string?> FindAsync(string team, string user, CancellationToken cancellationToken)
    {
        if (known.TryGetValue((team, user), out var channel)) return channel;
        var table = await tables.GetAsync(Tables.SlackDirectMessages, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(team), TableKey.Escape(user), ["Channel"], cancellationToken);
        if (!row.HasValue || row.Value!.GetString("Channel") is not { Length: > 0 } stored) return null;
        known[(team, user)] = stored;
        return stored;
    }

    public async Task SaveAsync(string team, string user, string channel, CancellationToken cancellationToken)
    {
        known[(team, user)] = channel;
        var table = await tables.GetAsync(Tables.SlackDirectMessages, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(TableKey.Escape(team), TableKey.Escape(user)) { ["Channel"] = channel }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Slack no longer knows the kept channel: the next notification opens the DM again.</summary>
    public async Task ForgetAsync(string team, string user, CancellationToken cancellationToken)
    {
        known.TryRemove((team, user), out _);
        var table = await tables.GetAsync(Tables.SlackDirectMessages, cancellationToken);
        await table.DeleteEntityAsync(TableKey.Escape(team), TableKey.Escape(user), Azure.ETag.All, cancellationToken);
    }
}
