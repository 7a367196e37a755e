using System.Globalization;

namespace FeedbackBot.Core.GoToMarket;

/// <summary>Who a step falls to when a plan starts: the product manager who starts it, or the API's first owner.</summary>
public enum StepRole { ProductManager, ApiOwner }

/// <summary>One step of the tenant's go-to-market checklist: due <paramref name="DaysBefore"/> days before the release date.</summary>
public sealed record GtmStep(string Id, string Title, StepRole Role, int DaysBefore, bool Required);

/// <summary>
/// The checklist every release plan of a tenant starts from. Product managers edit it from chat (<c>gtm template</c>)
/// as one line per step: <c>title | pm or owner | days before | required or optional</c>.
/// </summary>
public sealed record GtmTemplate(IReadOnlyList<GtmStep> Steps)
{
    public const int MaxSteps = 20;

    public static GtmTemplate Default { get; } = new(
    [
        new("docs", "Docs updated", StepRole.ApiOwner, 3, true),
        new("changelog", "Changelog written", StepRole.ApiOwner, 2, true),
        new("migration", "Migration guide", StepRole.ApiOwner, 5, false),
        new("sdks", "SDKs released", StepRole.ApiOwner, 1, false),
        new("support", "Support briefed", StepRole.ProductManager, 3, true),
        new("announcement", "Announcement drafted", StepRole.ProductManager, 2, true),
        new("deprecations", "Deprecation notices sent", StepRole.ProductManager, 14, false),
    ]);

    /// <summary>The template as the form shows it, one line per step.</summary>
    public string Format() => string.Join('\n', Steps.Select(s =>
        $"{s.Title} | {(s.Role == StepRole.ApiOwner ? "owner" : "pm")} | {s.DaysBefore} | {(s.Required ? "required" : "optional")}"));

    /// <summary>Reads the form's lines; an error names the line and what is wrong with it.</summary>
    public static (GtmTemplate? Template, string? Error) Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) return (null, "Write at least one step, one per line: `title | pm or owner | days before | required or optional`.");
        if (lines.Length > MaxSteps) return (null, $"A checklist has at most {MaxSteps} steps (this has {lines.Length}).");
        var steps = new List<GtmStep>();
        for (var i = 0; i < lines.Length; i++)
        {
            var (step, error) = ParseLine(lines[i]);
            if (step is null) return (null, $"Line {i + 1} (\"{Cut(lines[i])}\"): {error}");
            var id = UniqueId(step.Title, steps);
            steps.Add(step with { Id = id });
        }
        return (new GtmTemplate(steps), null);
    }

    private static (GtmStep? Step, string? Error) ParseLine(string line)
    {
        var parts = line.Split('|', StringSplitOptions.TrimEntries);
        if (parts.Length != 4) return (null, "write four parts separated by `|`: title | pm or owner | days before | required or optional.");
        var title = parts[0];
        if (title.Length is 0 or > 80) return (null, "give the step a title of at most 80 characters.");
        StepRole? role = parts[1].ToLowerInvariant() switch { "pm" => StepRole.ProductManager, "owner" => StepRole.ApiOwner, _ => null };
        if (role is null) return (null, "the owner is `pm` (the product manager who starts the plan) or `owner` (the API's owner).");
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > 365)
            return (null, "days before the release is a whole number from 0 to 365.");
        bool? required = parts[3].ToLowerInvariant() switch { "required" => true, "optional" => false, _ => null };
        if (required is null) return (null, "say `required` or `optional`.");
        return (new GtmStep("", title, role.Value, days, required.Value), null);
    }

    private static string UniqueId(string title, List<GtmStep> taken)
    {
        var slug = new string(title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        slug = slug.Length == 0 ? "step" : slug[..Math.Min(slug.Length, 30)];
        var id = slug;
        for (var n = 2; taken.Any(s => s.Id == id); n++) id = $"{slug}-{n}";
        return id;
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
