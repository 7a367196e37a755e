using System.Reflection;
using Azure.Data.Tables;
using FeedbackBot.Storage;

namespace FeedbackBot.Playground;

/// <summary>
/// Deletes every row the bot filed under the playground's Teams tenant and Slack workspace, in every table of
/// <see cref="Tables"/>, and nothing else. The one place that reads whole tables: a reset in a developer's storage,
/// where the playground cannot know every key shape another feature will add, but knows its own tenant keys.
/// </summary>
public sealed class PlaygroundStorageReset(Tables tables, ILogger<PlaygroundStorageReset> log)
{
    private static readonly string[] Tenants = [.. PlaygroundWorld.TenantKeys.Select(TableKey.Escape)];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var name in TableNames())
        {
            var table = await tables.GetAsync(name, cancellationToken);
            var rows = new List<(string PartitionKey, string RowKey)>();
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                if (IsPlaygrounds(row.PartitionKey, row.RowKey)) rows.Add((row.PartitionKey, row.RowKey));
            }
            foreach (var (partitionKey, rowKey) in rows) await table.DeleteEntityAsync(partitionKey, rowKey, cancellationToken: cancellationToken);
            deleted += rows.Count;
        }
        log.LogInformation("Playground reset: {Count} row(s) of the playground's tenant and workspace deleted", deleted);
    }

    /// <summary>
    /// A tenant key is a whole key, a key's first or a middle segment (<c>teams:x|api|payments</c>, <c>survey|teams:x|SV-101|invite</c>),
    /// or the Slack team id itself (the DM channels and the inbox).
    /// </summary>
    public static bool IsPlaygrounds(string partitionKey, string rowKey) =>
        Tenants.Any(t => Names(partitionKey, t) || Names(rowKey, t))
        || partitionKey == PlaygroundWorld.SlackTeam || rowKey.StartsWith(PlaygroundWorld.SlackTeam + "|", StringComparison.Ordinal)
        || rowKey.StartsWith(PlaygroundWorld.SlackTeam + "%7C", StringComparison.Ordinal);

    private static bool Names(string key, string tenant) => key.Split('|').Contains(tenant);

    private static IEnumerable<string> TableNames() =>
        typeof(Tables).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
}
