using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Roadmap;

namespace FeedbackBot.Storage;

/// <summary>
/// Road map items (key design in README.md here): an item lives in its API's partition, so an API's road map is one
/// partition query; pointer rows make "by item id" a point read and list the APIs that have a road map.
/// </summary>
public sealed class RoadmapStore(Tables tables, Counters counters) : IRoadmapStore
{
    private readonly ApiPartitionedRows rows = new(tables, Tables.Roadmap, Tables.RoadmapIndex);
    private const int FirstNumber = 101;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> NextItemIdAsync(string tenantKey, CancellationToken cancellationToken) =>
        $"RM-{await counters.NextAsync(tenantKey, "roadmap", FirstNumber, cancellationToken)}";

    public Task AddAsync(RoadmapItem item, CancellationToken cancellationToken) =>
        rows.AddAsync(item.TenantKey, item.ApiId, item.ItemId, ToEntity(item), [new TableEntity(Apis(item.TenantKey), TableKey.Escape(item.ApiId))], cancellationToken);

    public async Task<StoredRoadmapItem?> GetAsync(string tenantKey, string itemId, CancellationToken cancellationToken) =>
        await rows.GetAsync(tenantKey, itemId, cancellationToken) is { } row ? new StoredRoadmapItem(FromEntity(row), row.ETag.ToString()) : null;

    public async Task<IReadOnlyList<RoadmapItem>> ListAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        (await rows.ListAsync(tenantKey, apiId, filter: null, cancellationToken)).Select(FromEntity).ToList();

    public async Task<IReadOnlyList<string>> ApisWithRoadmapAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(Tables.RoadmapIndex, cancellationToken);
        var partition = Apis(tenantKey);
        var apis = new List<string>();
        await foreach (var row in index.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"], cancellationToken: cancellationToken))
            apis.Add(TableKey.Unescape(row.RowKey));
        return apis;
    }

    public async Task<RoadmapItem?> UpdateAsync(string tenantKey, string itemId, Func<RoadmapItem, RoadmapItem?> change, string? ifVersion, CancellationToken cancellationToken) =>
        await rows.UpdateAsync(tenantKey, itemId, FromEntity, change, ToEntity, ifVersion, cancellationToken);

    public async Task<bool> AddSupporterAsync(string tenantKey, string itemId, SupportKind kind, Supporter supporter, CancellationToken cancellationToken)
    {
        var support = await tables.GetAsync(Tables.RoadmapSupport, cancellationToken);
        try
        {
            await support.AddEntityAsync(new TableEntity(Support(tenantKey, itemId, kind), TableKey.Escape(supporter.Person.Key))
            {
                ["Supporter"] = JsonSerializer.Serialize(supporter, Json),
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<Supporter>> ListSupportersAsync(string tenantKey, string itemId, SupportKind kind, CancellationToken cancellationToken)
    {
        var support = await tables.GetAsync(Tables.RoadmapSupport, cancellationToken);
        var partition = Support(tenantKey, itemId, kind);
        var found = new List<Supporter>();
        await foreach (var row in support.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
            found.Add(JsonSerializer.Deserialize<Supporter>(row.GetString("Supporter")!, Json)!);
        return found;
    }

    private static string Apis(string tenantKey) => TableKey.Escape($"{tenantKey}|apis");
    private static string Support(string tenantKey, string itemId, SupportKind kind) => TableKey.Escape($"{tenantKey}|{itemId}|{kind}");

    private static TableEntity ToEntity(RoadmapItem i) => new(ApiPartitionedRows.ApiPartition(i.TenantKey, i.ApiId), TableKey.Escape(i.ItemId))
    {
        ["TenantKey"] = i.TenantKey, ["ApiId"] = i.ApiId, ["Title"] = i.Title, ["Description"] = i.Description, ["Status"] = i.Status.ToString(),
        ["Target"] = i.Target, ["LinkedReports"] = string.Join(',', i.LinkedReports), ["Votes"] = i.Votes, ["Followers"] = i.Followers,
        ["CreatedAt"] = i.CreatedAt, ["StatusChangedAt"] = i.StatusChangedAt, ["Note"] = i.Note, ["History"] = JsonSerializer.Serialize(i.History, Json),
    };

    private static RoadmapItem FromEntity(TableEntity e) => new(
        e.GetString("TenantKey")!, e.GetString("ApiId")!, TableKey.Unescape(e.RowKey), e.GetString("Title") ?? "", e.GetString("Description") ?? "",
        Enum.Parse<RoadmapStatus>(e.GetString("Status")!), e.GetString("Target") ?? "",
        (e.GetString("LinkedReports") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), e.GetInt32("Votes") ?? 0, e.GetInt32("Followers") ?? 0,
        e.GetDateTimeOffset("CreatedAt")!.Value, e.GetDateTimeOffset("StatusChangedAt")!.Value, e.GetString("Note") ?? "",
        JsonSerializer.Deserialize<List<ReportEvent>>(e.GetString("History") ?? "[]", Json)!);
}
