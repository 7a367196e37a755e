using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Roadmap;

namespace FeedbackBot.Core.Digests;

/// <summary>One API's week: what shipped, what moved, what is next, the most voted open items and the week's reports.</summary>
public sealed record ApiWeek(
    string ApiId, string Name, IReadOnlyList<RoadmapItem> Shipped, IReadOnlyList<RoadmapItem> Moved, IReadOnlyList<RoadmapItem> Next,
    IReadOnlyList<RoadmapItem> MostVoted, IReadOnlyList<FeedbackReport> Reports)
{
    public bool HadActivity => Shipped.Count > 0 || Moved.Count > 0 || Reports.Count > 0;
}

/// <summary>
/// The weekly road map digest card. An API with no activity in the period (nothing shipped, moved or reported) is left
/// out; when none had any, there is no card unless <see cref="DigestSettings.PostWhenQuiet"/>.
/// </summary>
public sealed class WeeklyDigestComposer(IRoadmapStore roadmap, IReportStore reports, ApiCatalog catalog, CardTemplates cards, DigestSettings settings) : IDigestComposer
{
    public const int MaxApis = 6;
    public const int MaxLines = 5;
    public const int MaxVoted = 3;

    public async Task<Reply.Card?> ComposeAsync(DigestSubscription subscription, DigestPeriod period, CancellationToken cancellationToken)
    {
        var weeks = new List<ApiWeek>();
        foreach (var (apiId, name) in await ApisAsync(subscription, cancellationToken))
        {
            var week = await WeekAsync(subscription.TenantKey, apiId, name, period, cancellationToken);
            if (week.HadActivity) weeks.Add(week);
        }
        if (weeks.Count == 0 && !settings.PostWhenQuiet) return null;

        var shown = weeks.Take(MaxApis).ToList();
        var content = cards.Expand("digest", new
        {
            title = $"Road map digest · {period.Id}",
            period = Label(period),
            quiet = weeks.Count == 0,
            apis = shown.Select(Data),
            more = weeks.Count > MaxApis ? $"…and {weeks.Count - MaxApis} more APIs with news: {string.Join(", ", weeks.Skip(MaxApis).Select(w => w.Name))}." : "",
        });
        var summary = weeks.Count == 0
            ? $"Road map digest {period.Id}: a quiet week"
            : $"Road map digest {period.Id}: {weeks.Sum(w => w.Shipped.Count)} shipped, {weeks.Sum(w => w.Moved.Count)} moved, {weeks.Sum(w => w.Reports.Count)} reports";
        return new Reply.Card(content, summary);
    }

    public async Task<ApiWeek> WeekAsync(string tenantKey, string apiId, string name, DigestPeriod period, CancellationToken cancellationToken)
    {
        var items = await roadmap.ListAsync(tenantKey, apiId, cancellationToken);
        bool InPeriod(DateTimeOffset at) => at >= period.Start && at < period.End;
        var changed = items.Where(i => InPeriod(i.StatusChangedAt)).OrderByDescending(i => i.StatusChangedAt).ToList();
        var week = (await reports.ListSinceAsync(tenantKey, apiId, period.Start, cancellationToken)).Where(r => r.CreatedAt < period.End).ToList();
        return new ApiWeek(apiId, name,
            Shipped: changed.Where(i => i.Status == RoadmapStatus.Shipped).ToList(),
            Moved: changed.Where(i => i.Status != RoadmapStatus.Shipped).ToList(),
            Next: items.Where(i => i.Status is RoadmapStatus.Planned or RoadmapStatus.InProgress).OrderBy(i => TargetOrder(i.Target)).ThenByDescending(i => i.Votes).ToList(),
            MostVoted: items.Where(i => i.IsOpen && i.Votes > 0).OrderByDescending(i => i.Votes).ThenBy(i => i.ItemId, StringComparer.Ordinal).Take(MaxVoted).ToList(),
            Reports: week);
    }

    private async Task<IReadOnlyList<(string Id, string Name)>> ApisAsync(DigestSubscription subscription, CancellationToken cancellationToken)
    {
        var names = (await catalog.ListAsync(subscription.TenantKey, cancellationToken)).ToDictionary(e => e.Api.Id, e => e.Api.Name, StringComparer.OrdinalIgnoreCase);
        IEnumerable<string> ids = subscription.ApiIds.Contains(DigestSubscription.AllApis)
            ? names.Keys.Concat(await roadmap.ApisWithRoadmapAsync(subscription.TenantKey, cancellationToken))
            : subscription.ApiIds;
        return ids.Distinct(StringComparer.OrdinalIgnoreCase).Select(id => (id, names.GetValueOrDefault(id, id)))
            .OrderBy(api => api.Item2, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static object Data(ApiWeek week) => new
    {
        name = week.Name,
        summary = Summary(week),
        shipped = Lines(week.Shipped, i => $"**{i.ItemId}** · {i.Title}{(i.Note.Length > 0 ? $" — {i.Note}" : "")}"),
        moved = Lines(week.Moved, i => $"**{i.ItemId}** · {i.Title} → {(i.CreatedAt == i.StatusChangedAt ? $"new, {StatusLabel(i.Status)}" : StatusLabel(i.Status))}"),
        next = Lines(week.Next, i => $"**{i.ItemId}** · {i.Title} ({StatusLabel(i.Status)}{(i.Target.Length > 0 ? $", {i.Target}" : "")})"),
        voted = week.MostVoted.Select(i => new { text = $"**{i.ItemId}** · {i.Title} ({Plural(i.Votes, "vote", "votes")})" }),
        themes = DigestThemes.Describe(week.Reports),
    };

    private static IEnumerable<object> Lines(IReadOnlyList<RoadmapItem> items, Func<RoadmapItem, string> line)
    {
        var lines = items.Take(MaxLines).Select(i => new { text = line(i) }).ToList();
        if (items.Count > MaxLines) lines.Add(new { text = $"…and {items.Count - MaxLines} more" });
        return lines;
    }

    private static string Summary(ApiWeek week) =>
        string.Join(" · ", new[]
        {
            week.Shipped.Count > 0 ? $"{week.Shipped.Count} shipped" : "",
            week.Moved.Count > 0 ? $"{week.Moved.Count} moved" : "",
            week.Reports.Count > 0 ? Plural(week.Reports.Count, "report", "reports") : "",
        }.Where(part => part.Length > 0));

    public static string StatusLabel(RoadmapStatus status) => status switch
    {
        RoadmapStatus.Considering => "Considering",
        RoadmapStatus.Planned => "Planned",
        RoadmapStatus.InProgress => "In progress",
        RoadmapStatus.Shipped => "Shipped",
        _ => "Dropped",
    };

    /// <summary>Orders targets by when they start: 2027-Q1 with 2027-01, before 2027-02; items without a target last.</summary>
    private static string TargetOrder(string target)
    {
        var parts = target.Trim().ToUpperInvariant().Split('-');
        if (parts.Length == 2 && parts[1].StartsWith('Q') && int.TryParse(parts[1][1..], out var quarter))
            return $"{parts[0]}-{(quarter - 1) * 3 + 1:00}-0";
        return parts.Length == 2 ? $"{parts[0]}-{parts[1]}-1" : "~" + target;
    }

    private static string Label(DigestPeriod period)
    {
        var last = period.End.AddDays(-1);
        return string.Create(CultureInfo.InvariantCulture, $"{period.Start:d MMM} – {last:d MMM yyyy}");
    }

    public static string Plural(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count} {many}";
}
