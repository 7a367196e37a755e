using System.Globalization;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Roadmap;

namespace FeedbackBot.Core.Usage;

/// <summary>
/// The weekly usage digest card (also <c>usage &lt;api&gt;</c>, the week so far): per API, its week against the week
/// before, read from day rollups only, with the week's releases and what its consumers reported.
/// </summary>
public sealed class UsageDigestComposer(
    IUsageRollups rollups, ApiCatalog catalog, IRoadmapStore roadmap, IReportStore reports, IUsageLinks links, IUsageChartLinks charts,
    CardTemplates cards, DigestSettings settings) : IDigestComposer
{
    public const int MaxApis = 3;
    public const int TopConsumers = 5;
    public const int TopRoutes = 3;
    public const int MaxNewcomers = 5;

    public const string Footnote = "Success: calls without a 4xx or 5xx. New: first call in 4 weeks; returning: back after a week away; "
        + "gone quiet: called last week, not this one; churned: not for 2 weeks after calling in the 3 before. ⚠️ struggling: 10% errors or more.";

    public Task<Reply.Card?> ComposeAsync(DigestSubscription subscription, DigestPeriod period, CancellationToken cancellationToken) =>
        ComposeAsync(subscription.TenantKey, subscription.ApiIds, period, soFar: false, cancellationToken);

    /// <param name="soFar">The week in progress (<c>usage &lt;api&gt;</c>): shown even when quiet, and says so.</param>
    public async Task<Reply.Card?> ComposeAsync(string tenantKey, IReadOnlyList<string> apiIds, DigestPeriod period, bool soFar, CancellationToken cancellationToken)
    {
        var first = DateOnly.FromDateTime(period.Start.UtcDateTime);
        var shown = new List<object>();
        var names = new List<string>();
        long calls = 0;
        foreach (var (apiId, name) in await ApisAsync(tenantKey, apiIds, cancellationToken))
        {
            var days = await rollups.DaysAsync(tenantKey, apiId, first.AddDays(-UsageWeek.LookbackDays), first.AddDays(6), cancellationToken);
            var week = UsageWeek.Of(days, first);
            if (week.IsQuiet && !soFar) continue;
            names.Add(name);
            calls += week.Total.Calls;
            if (shown.Count < MaxApis) shown.Add(await ApiDataAsync(tenantKey, apiId, name, period, week, cancellationToken));
        }
        if (names.Count == 0 && !settings.PostWhenQuiet && !soFar) return null;

        var content = cards.Expand("usage-digest", new
        {
            title = soFar ? $"Usage so far · {period.Id}" : $"Usage digest · {period.Id}",
            period = $"The week of {Label(period)}{(soFar ? " so far" : "")}, against the week before",
            quiet = names.Count == 0,
            apis = shown,
            more = names.Count > MaxApis ? $"…and {names.Count - MaxApis} more APIs with traffic: {string.Join(", ", names.Skip(MaxApis))}." : "",
            footnote = Footnote + (soFar ? "" : " `usage <api>` shows the week so far."),
        });
        var summary = names.Count == 0 ? $"Usage digest {period.Id}: a quiet week" : $"Usage {period.Id}: {UsageText.Count(calls)} calls to {string.Join(", ", names)}";
        return new Reply.Card(content, summary);
    }

    private async Task<object> ApiDataAsync(string tenantKey, string apiId, string name, DigestPeriod period, UsageWeek week, CancellationToken cancellationToken)
    {
        var total = week.Total;
        var before = week.PreviousTotal;
        var success = UsageText.Rate(total.Calls - total.Errors, total.Calls);
        var successBefore = UsageText.Rate(before.Calls - before.Errors, before.Calls);
        var chart = await charts.ForAsync(tenantKey, apiId, period, week, cancellationToken);
        var releases = (await roadmap.ListAsync(tenantKey, apiId, cancellationToken))
            .Where(i => i.Status == RoadmapStatus.Shipped && i.StatusChangedAt >= period.Start && i.StatusChangedAt < period.End)
            .OrderBy(i => i.StatusChangedAt).ToList();
        var heard = (await reports.ListSinceAsync(tenantKey, apiId, period.Start, cancellationToken)).Where(r => r.CreatedAt < period.End).ToList();
        return new
        {
            name,
            headline = $"{UsageText.Count(total.Calls)} calls ({UsageText.Change(total.Calls, before.Calls)}) · "
                + $"{UsageText.Percent(success)} success{UsageText.Points(success, successBefore, before.Calls > 0)} · {week.Movement.Active} consumers",
            chartUrl = chart ?? "",
            chartAlt = $"Daily calls of {name} by outcome, with p95 latency" + (releases.Count > 0 ? " and releases" : ""),
            daily = chart is null ? UsageDigestLines.Daily(week, releases) : "",
            facts = UsageDigestLines.Facts(week),
            consumers = UsageDigestLines.Consumers(week),
            routes = UsageDigestLines.Routes(week),
            newcomers = UsageDigestLines.Newcomers(week),
            releases = string.Join(", ", releases.Select(i => $"{i.Title} ({i.StatusChangedAt.ToString("ddd d MMM", CultureInfo.InvariantCulture)})")),
            voice = heard.Count == 0 ? "" : DigestThemes.Describe(heard) + await FromTopConsumersAsync(tenantKey, apiId, week, heard, cancellationToken),
        };
    }

    /// <summary>" From top consumers: acme-shop (3.1% errors): FB-1042 Refund fails." for reports by people linked to a top consumer.</summary>
    private async Task<string> FromTopConsumersAsync(string tenantKey, string apiId, UsageWeek week, IReadOnlyList<FeedbackReport> heard, CancellationToken cancellationToken)
    {
        var people = await links.PeopleAsync(tenantKey, apiId, cancellationToken);
        var lines = week.Consumers.Take(TopConsumers)
            .Select(c => (c, Reports: heard.Where(r => people.GetValueOrDefault(c.Consumer)?.Contains(r.Reporter.Key) == true).ToList()))
            .Where(x => x.Reports.Count > 0)
            .Select(x => $"{UsageText.Consumer(x.c.Consumer)} ({UsageText.Percent(x.c.Counts.ErrorRate)} errors): "
                + string.Join(", ", x.Reports.Take(3).Select(r => $"{r.ShortId} {r.Title}")))
            .ToList();
        return lines.Count == 0 ? "" : " From top consumers: " + string.Join("; ", lines) + ".";
    }

    private async Task<IReadOnlyList<(string Id, string Name)>> ApisAsync(string tenantKey, IReadOnlyList<string> apiIds, CancellationToken cancellationToken)
    {
        var names = (await catalog.ListAsync(tenantKey, cancellationToken)).ToDictionary(e => e.Api.Id, e => e.Api.Name, StringComparer.OrdinalIgnoreCase);
        IEnumerable<string> ids = apiIds.Contains(DigestSubscription.AllApis) ? names.Keys : apiIds;
        return ids.Distinct(StringComparer.OrdinalIgnoreCase).Select(id => (id, names.GetValueOrDefault(id, id)))
            .OrderBy(api => api.Item2, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string Label(DigestPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"{period.Start:d MMM} – {period.End.AddDays(-1):d MMM yyyy}");
}
