using System.Text.Json.Nodes;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Feedback;

/// <summary>What a consumer filled in, before it becomes a report.</summary>
public sealed record ReportDraft(string ApiId, FeedbackKind Kind, string Title, string Details, BugImpact Impact, string RequestId, string Endpoint, string SourceLink);

/// <summary>The <c>report-form</c> card: what it shows and what it accepts.</summary>
public static class ReportForm
{
    public const string Template = "report-form";

    public static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>
    {
        ["api"] = 40, ["kind"] = 20, ["title"] = 150, ["details"] = 4000, ["impact"] = 20, ["requestId"] = 200, ["endpoint"] = 300, ["sourceLink"] = 2000,
    };

    /// <summary>The longest answer, reason, question or comment a person can send along a report.</summary>
    public const int MaxNoteLength = 1000;

    public static object Data(IReadOnlyList<CatalogEntry> apis, JsonObject? values = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        string Value(string input) => values?[input] is JsonValue v ? v.ToString() : "";
        return new
        {
            heading = "Report feedback",
            apis = apis.Select(e => new { id = e.Api.Id, name = e.Api.Name }),
            api = Value("api"),
            kind = Value("kind"),
            title = Value("title"),
            details = Value("details"),
            impact = Value("impact"),
            requestId = Value("requestId"),
            endpoint = Value("endpoint"),
            sourceLink = Value("sourceLink"),
            errors = errors ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>Reads a submitted form; the draft, or the errors by input id (nothing is stored then).</summary>
    public static (ReportDraft? Draft, IReadOnlyDictionary<string, string> Errors) Read(JsonObject values, IReadOnlyList<CatalogEntry> apis)
    {
        var errors = new Dictionary<string, string>();
        string Text(string input, bool keepLines = false)
        {
            var raw = values[input] is JsonValue v ? v.ToString() : "";
            var value = keepLines ? CleanMultiline(raw) : TurnRouter.Normalize(raw);
            if (value.Length > MaxLengths[input]) errors[input] = $"At most {MaxLengths[input]:N0} characters, please (this has {value.Length:N0}).";
            return value;
        }

        var apiId = Text("api").ToLowerInvariant();
        var kindText = Text("kind");
        var title = Text("title");
        var details = Text("details", keepLines: true);
        var impactText = Text("impact");
        var requestId = Text("requestId");
        var endpoint = Text("endpoint");
        var sourceLink = Text("sourceLink");

        if (!apis.Any(e => e.Api.Id == apiId)) errors.TryAdd("api", "Pick the API this is about.");
        if (!Enum.TryParse<FeedbackKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind)) errors.TryAdd("kind", "Pick bug, feature request, question or praise.");
        if (title.Length == 0) errors.TryAdd("title", "Give it a one-line title.");
        var impact = BugImpact.None;
        if (impactText.Length > 0 && (!Enum.TryParse(impactText, ignoreCase: true, out impact) || impact == BugImpact.None || !Enum.IsDefined(impact)))
            errors.TryAdd("impact", "Pick blocking, degraded or cosmetic.");
        if (kind == FeedbackKind.Bug && impact == BugImpact.None) errors.TryAdd("impact", "For a bug, say how bad it is: blocking, degraded or cosmetic.");
        if (kind != FeedbackKind.Bug) impact = BugImpact.None;

        return errors.Count > 0
            ? (null, errors)
            : (new ReportDraft(apiId, kind, title, details, impact, requestId, endpoint, sourceLink), errors);
    }

    /// <summary>Keeps line breaks in long text (they matter in a bug's details) but drops other control characters.</summary>
    public static string CleanMultiline(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(line => TurnRouter.Normalize(line));
        return string.Join('\n', lines).Trim('\n');
    }
}
