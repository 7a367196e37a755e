using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Usage;
using FeedbackBot.Hosting;
using FeedbackBot.Surveys;
using Microsoft.Extensions.Options;
using ScottPlot;

namespace FeedbackBot.Usage;

/// <summary>
/// <c>GET /api/usage/chart.png?tenant=…&amp;api=…&amp;first=2026-11-23&amp;sig=…</c>: an API's week as a PNG (daily calls
/// stacked by outcome, p95 as a line, releases marked). Like the survey charts, platforms fetch images without
/// credentials, so the link is the permission: <c>sig</c> is an HMAC of tenant, API and week keyed by the tenant's salt.
/// </summary>
public static class UsageChart
{
    public const string Path = "/api/usage/chart.png";
    private const int Width = 600;
    private const int Height = 280;

    private static readonly Color Ok = Color.FromHex("#237B4B");
    private static readonly Color ClientError = Color.FromHex("#C19C00");
    private static readonly Color ServerError = Color.FromHex("#C4314B");
    private static readonly Color Latency = Color.FromHex("#5B5FC7");

    private static readonly string Font = new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Segoe UI" }
        .FirstOrDefault(SkiaSharp.SKFontManager.Default.FontFamilies.Contains) ?? Fonts.Default;

    public static string PathOf(string tenantKey, string apiId, DateOnly first, byte[] salt) =>
        $"{Path}?tenant={Uri.EscapeDataString(tenantKey)}&api={Uri.EscapeDataString(apiId)}&first={first:yyyy-MM-dd}&sig={Signature(salt, tenantKey, apiId, first)}";

    public static async Task<IResult> GetAsync(
        string? tenant, string? api, string? first, string? sig, HttpResponse response,
        IUsageSources sources, IUsageRollups rollups, IRoadmapStore roadmap, CancellationToken cancellationToken)
    {
        // One 404 for every refusal: a guessed link learns nothing.
        if (tenant is not { Length: > 0 and <= 256 } || api is not { Length: > 0 and <= 100 } || sig is not { Length: 64 }
            || !DateOnly.TryParseExact(first, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Results.NotFound();
        var salt = await sources.SaltAsync(tenant, cancellationToken);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(salt, tenant, api, day)), Encoding.ASCII.GetBytes(sig.ToLowerInvariant())))
            return Results.NotFound();
        var days = await rollups.DaysAsync(tenant, api, day.AddDays(-UsageWeek.LookbackDays), day.AddDays(6), cancellationToken);
        var week = UsageWeek.Of(days, day);
        var releases = (await roadmap.ListAsync(tenant, api, cancellationToken))
            .Where(i => i.Status == RoadmapStatus.Shipped).Select(i => DateOnly.FromDateTime(i.StatusChangedAt.UtcDateTime))
            .Where(d => d >= day && d < day.AddDays(7)).ToList();
        response.Headers.CacheControl = "public, max-age=300";
        return Results.Bytes(Draw(week, releases), "image/png");
    }

    public static byte[] Draw(UsageWeek week, IReadOnlyList<DateOnly> releases)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        var bars = new List<Bar>();
        for (var i = 0; i < week.Daily.Count; i++)
        {
            var d = week.Daily[i];
            var ok = d.Ok + d.Redirects;
            bars.Add(new Bar { Position = i, ValueBase = 0, Value = ok, FillColor = Ok, LineWidth = 0 });
            bars.Add(new Bar { Position = i, ValueBase = ok, Value = ok + d.ClientErrors, FillColor = ClientError, LineWidth = 0 });
            bars.Add(new Bar { Position = i, ValueBase = ok + d.ClientErrors, Value = ok + d.ClientErrors + d.ServerErrors, FillColor = ServerError, LineWidth = 0 });
        }
        plot.Add.Bars(bars);
        var busiest = Math.Max(1, week.Daily.Max(d => d.Ok + d.Redirects + d.ClientErrors + d.ServerErrors));
        plot.Axes.SetLimits(-0.6, week.Daily.Count - 0.4, 0, busiest * 1.2);
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, week.Daily.Count).Select(i => (double)i).ToArray(),
            week.Daily.Select(d => d.Day.ToString("ddd d", CultureInfo.InvariantCulture)).ToArray());
        plot.YLabel("Calls", 12);

        var p95 = week.Daily.Select((d, i) => (i, d.P95)).Where(p => p.P95 is not null).ToList();
        if (p95.Count > 0)
        {
            var line = plot.Add.Scatter(p95.Select(p => (double)p.i).ToArray(), p95.Select(p => p.P95!.Value).ToArray(), Latency);
            line.LineWidth = 2;
            line.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "p95 (ms)";
            plot.Axes.SetLimitsY(0, p95.Max(p => p.P95!.Value) * 1.3, plot.Axes.Right);
        }
        foreach (var released in releases)
        {
            var index = week.Daily.ToList().FindIndex(d => d.Day == released);
            if (index < 0) continue;
            var marker = plot.Add.VerticalLine(index, 1.5f, Colors.Black);
            marker.LinePattern = LinePattern.Dashed;
            marker.Text = "release";
        }
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "2xx/3xx", FillColor = Ok });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "4xx", FillColor = ClientError });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "5xx", FillColor = ServerError });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "p95", LineColor = Latency, LineWidth = 2 });
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string Signature(byte[] salt, string tenant, string api, DateOnly first) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes($"usage-chart|{tenant}|{api.ToLowerInvariant()}|{first:yyyy-MM-dd}")));
}

/// <summary>Chart links under <c>Surveys:PublicBaseUrl</c> (the bot's one public address); none when it is empty.</summary>
public sealed class UsageChartLinks(IUsageSources sources, IOptions<SurveyOptions> options) : IUsageChartLinks
{
    public async Task<string?> ForAsync(string tenantKey, string apiId, DigestPeriod period, UsageWeek week, CancellationToken cancellationToken)
    {
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        if (baseUrl.Length == 0) return null;
        var first = DateOnly.FromDateTime(period.Start.UtcDateTime);
        // Platforms cache images by address: v changes with the figures, so a later card never shows an older chart.
        var figures = string.Join(',', week.Daily.Select(d => $"{d.Ok}/{d.Redirects}/{d.ClientErrors}/{d.ServerErrors}/{d.P95:0.#}"));
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(figures)))[..12];
        return $"{baseUrl}{UsageChart.PathOf(tenantKey, apiId, first, await sources.SaltAsync(tenantKey, cancellationToken))}&v={version}";
    }
}
