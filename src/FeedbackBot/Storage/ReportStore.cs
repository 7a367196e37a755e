using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Storage;

/// <summary>
/// Reports (key design in README.md here): the report row lives in its API's partition, so an API's open reports
/// are one partition query; small pointer rows make "by short id" and "by reporter" one partition each.
/// </summary>
public sealed class ReportStore(Tables tables, Counters counters) : IReportStore
{
    private const int FirstNumber = 1001;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> NextShortIdAsync(string tenantKey, CancellationToken cancellationToken) =>
        $"FB-{await counters.NextAsync(tenantKey, "reports", FirstNumber, cancellationToken)}";

    public async Task AddAsync(FeedbackReport report, CancellationToken cancellationToken)
    {
        // Pointers first: a crash in between leaves a pointer to nothing (read as "no report"), never an unfindable report.
        var index = await tables.GetAsync(Tables.ReportIndex, cancellationToken);
        await index.UpsertEntityAsync(Pointer(ById(report.TenantKey, report.ShortId), "", report.ApiId), TableUpdateMode.Replace, cancellationToken);
        await index.UpsertEntityAsync(Pointer(ByReporter(report.TenantKey, report.Reporter.Key), report.ShortId, report.ApiId), TableUpdateMode.Replace, cancellationToken);
        var reports = await tables.GetAsync(Tables.Reports, cancellationToken);
        await reports.AddEntityAsync(ToEntity(report), cancellationToken);
    }

    public async Task<StoredReport?> GetAsync(string tenantKey, string shortId, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(Tables.ReportIndex, cancellationToken);
        var pointer = await index.GetEntityIfExistsAsync<TableEntity>(ById(tenantKey, shortId), "", cancellationToken: cancellationToken);
        if (!pointer.HasValue) return null;
        var reports = await tables.GetAsync(Tables.Reports, cancellationToken);
        var row = await reports.GetEntityIfExistsAsync<TableEntity>(ByApi(tenantKey, pointer.Value!.GetString("ApiId")!), TableKey.Escape(shortId), cancellationToken: cancellationToken);
        return row.HasValue ? new StoredReport(FromEntity(row.Value!), row.Value!.ETag.ToString()) : null;
    }

    public async Task<IReadOnlyList<FeedbackReport>> ListOpenAsync(string tenantKey, string apiId, CancellationToken cancellationToken)
    {
        var reports = await tables.GetAsync(Tables.Reports, cancellationToken);
        var partition = ByApi(tenantKey, apiId);
        var open = new List<FeedbackReport>();
        await foreach (var row in reports.QueryAsync<TableEntity>(e => e.PartitionKey == partition
            && (e.GetString("Status") == nameof(ReportStatus.New) || e.GetString("Status") == nameof(ReportStatus.NeedsInfo)), cancellationToken: cancellationToken))
        {
            open.Add(FromEntity(row));
        }
        return open;
    }

    public async Task<IReadOnlyList<FeedbackReport>> ListSinceAsync(string tenantKey, string apiId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var reports = await tables.GetAsync(Tables.Reports, cancellationToken);
        var partition = ByApi(tenantKey, apiId);
        var found = new List<FeedbackReport>();
        // The LINQ provider cannot translate GetDateTimeOffset; a formatted filter compares the typed DateTime property.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and CreatedAt ge {since}");
        await foreach (var row in reports.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(FromEntity(row));
        }
        return found;
    }

    public async Task<IReadOnlyList<FeedbackReport>> ListByReporterAsync(string tenantKey, string personKey, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(Tables.ReportIndex, cancellationToken);
        var found = new List<FeedbackReport>();
        await foreach (var pointer in index.QueryAsync<TableEntity>(e => e.PartitionKey == ByReporter(tenantKey, personKey), cancellationToken: cancellationToken))
        {
            if (await GetAsync(tenantKey, TableKey.Unescape(pointer.RowKey), cancellationToken) is { } stored) found.Add(stored.Report);
        }
        return found;
    }

    public async Task<bool> TryReplaceAsync(StoredReport read, FeedbackReport updated, CancellationToken cancellationToken)
    {
        var reports = await tables.GetAsync(Tables.Reports, cancellationToken);
        try
        {
            await reports.UpdateEntityAsync(ToEntity(updated), new ETag(read.ETag), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task<bool> AddVoteAsync(string tenantKey, string shortId, string personKey, string comment, CancellationToken cancellationToken)
    {
        var votes = await tables.GetAsync(Tables.ReportVotes, cancellationToken);
        try
        {
            await votes.AddEntityAsync(new TableEntity(TableKey.Escape($"{tenantKey}|{shortId}"), TableKey.Escape(personKey)) { ["Comment"] = comment }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task DeleteAsync(string tenantKey, string shortId, CancellationToken cancellationToken)
    {
        var stored = await GetAsync(tenantKey, shortId, cancellationToken);
        if (stored is null) return;
        var reports = await tables.GetAsync(Tables.Reports, cancellationToken);
        await reports.DeleteEntityAsync(ByApi(tenantKey, stored.Report.ApiId), TableKey.Escape(shortId), cancellationToken: cancellationToken);
        var index = await tables.GetAsync(Tables.ReportIndex, cancellationToken);
        await index.DeleteEntityAsync(ById(tenantKey, shortId), "", cancellationToken: cancellationToken);
        await index.DeleteEntityAsync(ByReporter(tenantKey, stored.Report.Reporter.Key), TableKey.Escape(shortId), cancellationToken: cancellationToken);
    }

    private static string ByApi(string tenantKey, string apiId) => TableKey.Escape($"{tenantKey}|api|{apiId}");
    private static string ById(string tenantKey, string shortId) => TableKey.Escape($"{tenantKey}|id|{shortId}");
    private static string ByReporter(string tenantKey, string personKey) => TableKey.Escape($"{tenantKey}|by|{personKey}");

    private static TableEntity Pointer(string partition, string row, string apiId) => new(partition, TableKey.Escape(row)) { ["ApiId"] = apiId };

    private static TableEntity ToEntity(FeedbackReport r) => new(ByApi(r.TenantKey, r.ApiId), TableKey.Escape(r.ShortId))
    {
        ["TenantKey"] = r.TenantKey, ["ApiId"] = r.ApiId, ["Kind"] = r.Kind.ToString(), ["Title"] = r.Title, ["Details"] = r.Details,
        ["Impact"] = r.Impact.ToString(), ["RequestId"] = r.RequestId, ["Endpoint"] = r.Endpoint, ["SourceLink"] = r.SourceLink,
        ["Reporter"] = JsonSerializer.Serialize(r.Reporter, Json), ["ReporterSeenIn"] = JsonSerializer.Serialize(r.ReporterSeenIn, Json),
        ["CreatedAt"] = r.CreatedAt, ["Status"] = r.Status.ToString(), ["Priority"] = r.Priority.ToString(), ["Assignee"] = r.Assignee,
        ["DuplicateOf"] = r.DuplicateOf, ["Votes"] = r.Votes,
        ["TriageCard"] = r.TriageCard is null ? null : JsonSerializer.Serialize(r.TriageCard, Json),
        ["History"] = JsonSerializer.Serialize(r.History, Json),
        ["Decision"] = r.Decision is null ? null : JsonSerializer.Serialize(r.Decision, Json),
    };

    private static FeedbackReport FromEntity(TableEntity e) => new(
        e.GetString("TenantKey")!, TableKey.Unescape(e.RowKey), e.GetString("ApiId")!,
        Enum.Parse<FeedbackKind>(e.GetString("Kind")!), e.GetString("Title") ?? "", e.GetString("Details") ?? "",
        Enum.Parse<BugImpact>(e.GetString("Impact") ?? nameof(BugImpact.None)), e.GetString("RequestId") ?? "", e.GetString("Endpoint") ?? "",
        e.GetString("SourceLink") ?? "", JsonSerializer.Deserialize<Person>(e.GetString("Reporter")!, Json)!,
        JsonSerializer.Deserialize<ConversationHandle>(e.GetString("ReporterSeenIn")!, Json)!, e.GetDateTimeOffset("CreatedAt")!.Value,
        Enum.Parse<ReportStatus>(e.GetString("Status")!), Enum.Parse<Priority>(e.GetString("Priority") ?? nameof(Priority.None)),
        e.GetString("Assignee") ?? "", e.GetString("DuplicateOf") ?? "", e.GetInt32("Votes") ?? 0,
        e.GetString("TriageCard") is { } card ? JsonSerializer.Deserialize<PostedMessage>(card, Json) : null,
        JsonSerializer.Deserialize<List<ReportEvent>>(e.GetString("History") ?? "[]", Json)!,
        e.GetString("Decision") is { } decision ? JsonSerializer.Deserialize<ReportEvent>(decision, Json) : null);
}
