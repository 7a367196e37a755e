using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Hosting;
using Microsoft.Extensions.Options;
using ScottPlot;

namespace FeedbackBot.Surveys;

/// <summary>
/// <c>GET /api/surveys/{id}/runs/{number}/chart.png?tenant=…&amp;sig=…</c>: a run's distribution as a PNG bar chart.
/// Teams and Slack fetch card images without credentials, so the endpoint is anonymous and the link itself is the
/// permission: <c>sig</c> is an HMAC of tenant, survey and run keyed by the survey's own random salt.
/// </summary>
public static class SurveyChart
{
    public const int Width = 600;
    public const int Height = 260;

    private static readonly Color Detractor = Color.FromHex("#C4314B");
    private static readonly Color Passive = Color.FromHex("#C19C00");
    private static readonly Color Promoter = Color.FromHex("#237B4B");
    private static readonly Color Plain = Color.FromHex("#5B5FC7");

    /// <summary>
    /// ScottPlot's own sans-serif pick falls back to a serif font on Debian; DejaVu Sans is what the fonts-dejavu-core
    /// package installs (see .ci/run); without any of these, ScottPlot's own pick is used.
    /// </summary>
    private static readonly string Font = new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Segoe UI" }
        .FirstOrDefault(SkiaSharp.SKFontManager.Default.FontFamilies.Contains) ?? Fonts.Default;

    /// <summary>The path and query of a run's chart, without the public base address.</summary>
    public static string PathOf(Survey survey, int runNumber) =>
        $"/api/surveys/{Uri.EscapeDataString(survey.Id)}/runs/{runNumber}/chart.png"
        + $"?tenant={Uri.EscapeDataString(survey.TenantKey)}&sig={Signature(survey, survey.TenantKey, runNumber)}";

    public static async Task<IResult> GetAsync(string id, int number, string? tenant, string? sig, HttpResponse response, ISurveyStore surveys, CancellationToken cancellationToken)
    {
        // Every refusal is the same 404, so a guessed link tells nothing about which surveys exist.
        if (tenant is not { Length: > 0 and <= 256 } || sig is not { Length: > 0 } || id.Length > 64) return Results.NotFound();
        var survey = await surveys.GetAsync(tenant, id.ToUpperInvariant(), cancellationToken);
        if (survey is null || !SignatureMatches(survey, tenant, number, sig)) return Results.NotFound();
        var run = await surveys.GetRunAsync(tenant, survey.Id, number, cancellationToken);
        if (run is null) return Results.NotFound();
        var score = RunScore.Of(survey, run.Recipients, await surveys.ListResponsesAsync(tenant, run.RunId, cancellationToken));
        if (score.Distribution.Count == 0) return Results.NotFound();

        // Answers keep coming while a run is open: platforms may keep the image a few minutes, not for good.
        response.Headers.CacheControl = "public, max-age=300";
        return Results.Bytes(Draw(survey, run, score), "image/png");
    }

    /// <summary>One bar per scale value, labelled with its count; NPS bars coloured as detractors, passives, promoters.</summary>
    public static byte[] Draw(Survey survey, SurveyRun run, RunScore score)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        var nps = survey.Kind == SurveyKind.Nps;
        var bars = score.Distribution.Select((d, i) => new Bar
        {
            Position = i,
            Value = d.Count,
            Label = d.Count.ToString(CultureInfo.InvariantCulture),
            LineWidth = 0,
            FillColor = !nps ? Plain : d.Value <= 6 ? Detractor : d.Value <= 8 ? Passive : Promoter,
        }).ToArray();
        plot.Add.Bars(bars).ValueLabelStyle.FontSize = 13;

        plot.Axes.Bottom.SetTicks(
            bars.Select(b => b.Position).ToArray(),
            score.Distribution.Select(d => d.Value.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        // Room above the tallest bar for its label; a run without answers still gets an axis from 0 to 1.
        plot.Axes.SetLimits(-0.6, bars.Length - 0.4, 0, Math.Max(1, score.Distribution.Max(d => d.Count)) * 1.25);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.Title($"{survey.Title} ({run.RunId})", 15);
        plot.YLabel("Answers", 12);

        if (nps)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Detractors (0–6)", FillColor = Detractor });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Passives (7–8)", FillColor = Passive });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Promoters (9–10)", FillColor = Promoter });
            plot.Legend.Orientation = Orientation.Horizontal;
            plot.ShowLegend(Edge.Bottom);
        }
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string Signature(Survey survey, string tenant, int runNumber)
    {
        // "chart|" keeps these public signatures apart from the respondent hashes the same salt keys.
        var message = Encoding.UTF8.GetBytes($"chart|{tenant}|{survey.Id}|{runNumber.ToString(CultureInfo.InvariantCulture)}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(survey.Salt), message));
    }

    private static bool SignatureMatches(Survey survey, string tenant, int runNumber, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(survey, tenant, runNumber)), Encoding.ASCII.GetBytes(given.ToLowerInvariant()));
}

/// <summary>Chart links under <c>Surveys:PublicBaseUrl</c>; none when it is empty, and the results card shows text bars.</summary>
public sealed class SurveyChartLinks(IOptions<SurveyOptions> options) : ISurveyChartLinks
{
    public string? For(Survey survey, SurveyRun run, RunScore score)
    {
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        if (baseUrl.Length == 0) return null;
        // Slack and Teams cache an image by its address: v changes with the counts, so a later results card never shows an older chart.
        var counts = string.Join(',', score.Distribution.Select(d => d.Count.ToString(CultureInfo.InvariantCulture)));
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(counts)))[..12];
        return $"{baseUrl}{SurveyChart.PathOf(survey, run.Number)}&v={version}";
    }
}
