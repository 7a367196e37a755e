using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Roadmap;

namespace FeedbackBot.Storage;

/// <summary>
/// Reports (key design in README.md here): the report row lives in its API's partition, so an API's open reports
/// are one partition query; small pointer rows make "by short id" and "by reporter" one partition each.
/// </summary>
public sealed class ReportStore(Tables tables, Counters counters) : IReportStore
{
    private readonly ApiPartitionedRows rows = new(tables, Tables.Reports, Tables.ReportIndex);
    private readonly RecentReports recent = new(tables);
    private static readonly string OpenFilter = TableClient.CreateQueryFilter($"Status eq {nameof(ReportStatus.New)} or Status eq {nameof(ReportStatus.NeedsInfo)}");
    private const int FirstNumber = 1001;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> NextShortIdAsync(string tenantKey, CancellationToken cancellationToken) =>
        $"FB-{await counters.NextAsync(tenantKey, "reports", FirstNumber, cancellationToken)}";

    public Task AddAsync(FeedbackReport report, CancellationToken cancellationToken) =>
        rows.AddAsync(report.TenantKey, report.ApiId, report.ShortId, ToEntity(report),
            [new TableEntity(ByReporter(report.TenantKey, report.Reporter.Key), TableKey.Escape(report.ShortId)) { ["ApiId"] = report.ApiId }, RecentReports.Row(report)],
            cancellationToken);

    public async Task<StoredReport?> GetAsync(string tenantKey, string shortId, CancellationToken cancellationToken) =>
        await rows.GetAsync(tenantKey, shortId, cancellationToken) is { } row ? new StoredReport(FromEntity(row), row.ETag.ToString()) : null;

    public async Task<IReadOnlyList<FeedbackReport>> ListOpenAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        (await rows.ListAsync(tenantKey, apiId, OpenFilter, cancellationToken)).Select(FromEntity).ToList();

    public async Task<IReadOnlyList<FeedbackReport>> ListOpenAsync(string tenantKey, string apiId, int count, CancellationToken cancellationToken) =>
        (await rows.ListAsync(tenantKey, apiId, OpenFilter, cancellationToken, take: count)).Select(FromEntity).ToList();

    public Task<IReadOnlyList<RecentReport>> ListRecentAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        recent.ListAsync(tenantKey, apiId, () => ListOpenAsync(tenantKey, apiId, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<FeedbackReport>> ListSinceAsync(string tenantKey, string apiId, DateTimeOffset since, CancellationToken cancellationToken) =>
        (await rows.ListAsync(tenantKey, apiId, TableClient.CreateQueryFilter($"CreatedAt ge {since}"), cancellationToken)).Select(FromEntity).ToList();

    public Task<IReadOnlyList<FeedbackReport>> ListByReporterAsync(string tenantKey, string personKey, CancellationToken cancellationToken) =>
        ListPointedAsync(tenantKey, ByReporter(tenantKey, personKey), cancellationToken);

    private async Task<IReadOnlyList<FeedbackReport>> ListPointedAsync(string tenantKey, string pointers, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(Tables.ReportIndex, cancellationToken);
        var found = new List<FeedbackReport>();
        await foreach (var pointer in index.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {pointers}"), cancellationToken: cancellationToken))
        {
            if (await GetAsync(tenantKey, TableKey.Unescape(pointer.RowKey), cancellationToken) is { } stored) found.Add(stored.Report);
        }
        return found;
    }

    public async Task<FeedbackReport?> UpdateAsync(string tenantKey, string shortId, Func<FeedbackReport, FeedbackReport?> change, string? ifVersion, CancellationToken cancellationToken) =>
        await rows.UpdateAsync(tenantKey, shortId, FromEntity, change, ToEntity, ifVersion, cancellationToken);

    public async Task<bool> AddVoteAsync(string tenantKey, string shortId, Supporter voter, string comment, CancellationToken cancellationToken)
    {
        var votes = await tables.GetAsync(Tables.ReportVotes, cancellationToken);
        try
        {
            await votes.AddEntityAsync(SupportRow(tenantKey, shortId, voter, follows: false, comment), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
        await AddFollowedPointerAsync(tenantKey, shortId, voter.Person.Key, cancellationToken);
        return true;
    }

    public async Task AddFollowerAsync(string tenantKey, string shortId, Supporter follower, CancellationToken cancellationToken)
    {
        var votes = await tables.GetAsync(Tables.ReportVotes, cancellationToken);
        try
        {
            await votes.AddEntityAsync(SupportRow(tenantKey, shortId, follower, follows: true, ""), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A voter (or a follower already): they hear the changes either way.
        }
        await AddFollowedPointerAsync(tenantKey, shortId, follower.Person.Key, cancellationToken);
    }

    public async Task<IReadOnlyList<Supporter>> ListFollowersAsync(string tenantKey, string shortId, CancellationToken cancellationToken)
    {
        var votes = await tables.GetAsync(Tables.ReportVotes, cancellationToken);
        var found = new List<Supporter>();
        var partition = VotesPartition(tenantKey, shortId);
        await foreach (var row in votes.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            // Votes from before the bot kept where to reach a voter carry no conversation: nobody to tell.
            if (row.GetString("Person") is not { } person || row.GetString("SeenIn") is not { } seenIn) continue;
            found.Add(new Supporter(JsonSerializer.Deserialize<Person>(person, Json)!, JsonSerializer.Deserialize<ConversationHandle>(seenIn, Json)!));
        }
        return found;
    }

    public async Task<IReadOnlyList<FeedbackReport>> ListFollowedAsync(string tenantKey, string personKey, CancellationToken cancellationToken) =>
        await ListPointedAsync(tenantKey, Followed(tenantKey, personKey), cancellationToken);

    public async Task DeleteAsync(string tenantKey, string shortId, CancellationToken cancellationToken)
    {
        var stored = await GetAsync(tenantKey, shortId, cancellationToken);
        if (stored is null) return;
        await rows.DeleteAsync(tenantKey, shortId, stored.Report.ApiId, [(ByReporter(tenantKey, stored.Report.Reporter.Key), TableKey.Escape(shortId))], cancellationToken);
    }

    /// <summary>The vote row is the truth; the pointer after it only lists the report in <c>mine</c>.</summary>
    private async Task AddFollowedPointerAsync(string tenantKey, string shortId, string personKey, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(Tables.ReportIndex, cancellationToken);
        await index.UpsertEntityAsync(new TableEntity(Followed(tenantKey, personKey), TableKey.Escape(shortId)), TableUpdateMode.Replace, cancellationToken);
    }

    private static TableEntity SupportRow(string tenantKey, string shortId, Supporter who, bool follows, string comment) =>
        new(VotesPartition(tenantKey, shortId), TableKey.Escape(who.Person.Key))
        {
            ["Comment"] = comment, ["Follows"] = follows,
            ["Person"] = JsonSerializer.Serialize(who.Person, Json), ["SeenIn"] = JsonSerializer.Serialize(who.SeenIn, Json),
        };

    private static string VotesPartition(string tenantKey, string shortId) => TableKey.Escape($"{tenantKey}|{shortId}");

    private static string Followed(string tenantKey, string personKey) => TableKey.Escape($"{tenantKey}|follows|{personKey}");

    private static string ByReporter(string tenantKey, string personKey) => TableKey.Escape($"{tenantKey}|by|{personKey}");

    private static TableEntity ToEntity(FeedbackReport r) => new(ApiPartitionedRows.ApiPartition(r.TenantKey, r.ApiId), TableKey.Escape(r.ShortId))
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
