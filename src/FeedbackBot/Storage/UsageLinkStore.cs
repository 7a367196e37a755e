using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Usage;

namespace FeedbackBot.Storage;

/// <summary>
/// <c>UsageLinks</c>: PartitionKey = <c>&lt;tenant&gt;|&lt;api&gt;</c>, RowKey = <c>p|&lt;person key&gt;</c> (the person's consumer,
/// a point read for the triage card) and <c>c|&lt;consumer&gt;|&lt;person key&gt;</c> (who a consumer is, one partition for the digest).
/// </summary>
public sealed class UsageLinkStore(Tables tables) : IUsageLinks
{
    public async Task LinkAsync(string tenantKey, string apiId, string consumer, Person person, string by, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Links, cancellationToken);
        var partition = UsageTables.DayPartition(tenantKey, apiId);
        // Both rows in one transaction: the two directions never disagree.
        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "p|" + TableKey.Escape(person.Key)) { ["Consumer"] = consumer, ["By"] = by }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, $"c|{TableKey.Escape(consumer)}|{TableKey.Escape(person.Key)}") { ["Person"] = person.Key, ["Consumer"] = consumer }),
        ], cancellationToken);
    }

    public async Task<string?> ConsumerOfAsync(string tenantKey, string apiId, Person person, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Links, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(UsageTables.DayPartition(tenantKey, apiId), "p|" + TableKey.Escape(person.Key), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.GetString("Consumer") : null;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> PeopleAsync(string tenantKey, string apiId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(UsageTables.Links, cancellationToken);
        var partition = UsageTables.DayPartition(tenantKey, apiId);
        var people = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo("c|") >= 0 && e.RowKey.CompareTo("c}") < 0, cancellationToken: cancellationToken))
        {
            var consumer = row.GetString("Consumer")!;
            if (!people.TryGetValue(consumer, out var list)) people[consumer] = list = [];
            list.Add(row.GetString("Person")!);
        }
        return people.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }
}
