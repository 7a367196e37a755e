using Azure.Data.Tables;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Storage;

/// <summary>
/// The reports last filed on each API, as the similarity check reads them (id, title, details): partition
/// <c>{tenant}|recent|{api}</c> of ReportIndex, RowKey = the report's number modulo <see cref="Slots"/>. A new report
/// takes the slot of the one filed <see cref="Slots"/> numbers before it, so the partition never holds more than
/// <see cref="Slots"/> rows whatever the backlog: one upsert per report, one bounded query per check. Rows are not
/// changed when a report is triaged; the check reads back the few that score and keeps only the open ones.
/// Open reports filed before this index existed are copied in once per API, the first time it is read.
/// </summary>
public sealed class RecentReports(Tables tables)
{
    public const int Slots = 500;

    /// <summary>The row that says the API's open reports were copied in (it sorts after every slot).</summary>
    private const string Filled = "~filled";

    public static TableEntity Row(FeedbackReport report) => new(Partition(report.TenantKey, report.ApiId), Slot(report.ShortId))
    {
        ["ShortId"] = report.ShortId,
        ["Title"] = report.Title,
        ["Details"] = report.Details,
    };

    /// <summary>The API's recent reports; <paramref name="open"/> lists its open reports, read only to fill the index the first time.</summary>
    public async Task<IReadOnlyList<RecentReport>> ListAsync(string tenantKey, string apiId, Func<Task<IReadOnlyList<FeedbackReport>>> open,
        CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(Tables.ReportIndex, cancellationToken);
        var partition = Partition(tenantKey, apiId);
        var rows = new List<TableEntity>();
        await foreach (var row in index.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
            rows.Add(row);
        if (!rows.Any(r => r.RowKey == Filled)) rows.AddRange(await FillAsync(index, partition, rows, await open(), cancellationToken));
        return rows.Where(r => r.RowKey != Filled)
            .Select(r => new RecentReport(r.GetString("ShortId") ?? "", r.GetString("Title") ?? "", r.GetString("Details") ?? ""))
            .ToList();
    }

    /// <summary>
    /// Copies the newest open reports into the slots still empty (added, never replaced: a report filed meanwhile
    /// keeps its slot), then writes the marker. Returns what it added.
    /// </summary>
    private static async Task<List<TableEntity>> FillAsync(TableClient index, string partition, List<TableEntity> present, IReadOnlyList<FeedbackReport> open,
        CancellationToken cancellationToken)
    {
        var taken = present.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        var added = open.OrderByDescending(r => r.CreatedAt).Select(Row).Where(r => taken.Add(r.RowKey)).ToList();
        foreach (var batch in added.Chunk(100))
        {
            try
            {
                await index.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // A report filed (or another instance filling) meanwhile took one of these slots: the newer row stands.
            }
        }
        await index.UpsertEntityAsync(new TableEntity(partition, Filled), TableUpdateMode.Replace, cancellationToken);
        return added;
    }

    private static string Partition(string tenantKey, string apiId) => TableKey.Escape($"{tenantKey}|recent|{apiId}");

    /// <summary>The number in <c>FB-1042</c> modulo <see cref="Slots"/>; an id without one gets a stable hash instead.</summary>
    private static string Slot(string shortId)
    {
        var digits = shortId[(shortId.LastIndexOf('-') + 1)..];
        var number = long.TryParse(digits, out var n) && n >= 0 ? n : shortId.Aggregate(2166136261L, (h, c) => (h ^ c) * 16777619 & 0xFFFFFFFF);
        return (number % Slots).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
    }
}
