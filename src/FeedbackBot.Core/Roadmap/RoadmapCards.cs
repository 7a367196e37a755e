using System.Text.Json.Nodes;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Roadmap;

/// <summary>Draws the road map cards; their data contracts live here.</summary>
public sealed class RoadmapCards(CardTemplates cards)
{
    private static readonly RoadmapStatus[] Order = [RoadmapStatus.InProgress, RoadmapStatus.Planned, RoadmapStatus.Considering, RoadmapStatus.Shipped, RoadmapStatus.Dropped];

    public static string Label(RoadmapStatus status) => status switch
    {
        RoadmapStatus.InProgress => "In progress",
        _ => status.ToString(),
    };

    public JsonObject Roadmap(string apiId, string apiName, IReadOnlyList<RoadmapItem> items, bool canEdit) =>
        cards.Expand("roadmap", new
        {
            apiId, apiName, canEdit, empty = items.Count == 0,
            groups = Order.Where(s => items.Any(i => i.Status == s)).Select(s => new
            {
                statusLabel = Label(s),
                items = items.Where(i => i.Status == s).OrderBy(i => i.Target.Length == 0).ThenBy(i => i.Target).ThenByDescending(i => i.Votes).Select(Row),
            }),
        });

    public JsonObject List(IReadOnlyList<(string ApiId, string ApiName, int Open, int Shipped)> apis) =>
        cards.Expand("roadmap-list", new { count = apis.Count, apis = apis.Select(a => new { apiId = a.ApiId, apiName = a.ApiName, open = a.Open, shipped = a.Shipped }) });

    public JsonObject Item(RoadmapItem item, string apiName, bool canEdit) =>
        cards.Expand("roadmap-item", new
        {
            itemId = item.ItemId, apiId = item.ApiId, apiName, title = item.Title, description = item.Description, statusLabel = Label(item.Status),
            target = item.Target, votes = item.Votes, followers = item.Followers, linkedReports = item.LinkedReports, note = item.Note,
            history = item.History.Select(e => new { at = ReportCards.When(e.At), by = e.By, text = e.Text }), canEdit,
        });

    public JsonObject Form(string apiId, string apiName, RoadmapItem? item, string etag, JsonObject? typed = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        string Value(string input, string? stored) => typed?[input] is JsonValue v ? v.ToString() : stored ?? "";
        return cards.Expand("roadmap-form", new
        {
            heading = item is null ? $"New road map item · {apiName}" : $"Edit {item.ItemId} · {apiName}",
            apiId, itemId = item?.ItemId ?? "", etag,
            title = Value("title", item?.Title), description = Value("description", item?.Description),
            status = Value("status", (item?.Status ?? RoadmapStatus.Considering).ToString()), target = Value("target", item?.Target),
            errors = errors ?? new Dictionary<string, string>(),
        });
    }

    public JsonObject Update(RoadmapItem item, string apiName, string headline, string note, string by, IReadOnlyList<string> reasons) =>
        cards.Expand("roadmap-update", new
        {
            apiId = item.ApiId, apiName, itemId = item.ItemId, title = item.Title, statusLabel = Label(item.Status).ToLowerInvariant(),
            headline, note, by, reasons,
        });

    private static object Row(RoadmapItem i) => new
    {
        itemId = i.ItemId, title = i.Title, description = i.Description, target = i.Target, votes = i.Votes, followers = i.Followers, linked = i.LinkedReports.Count,
    };
}
