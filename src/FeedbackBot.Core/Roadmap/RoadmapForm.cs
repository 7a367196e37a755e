using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Roadmap;

/// <summary>What a road map item form accepts.</summary>
public static partial class RoadmapForm
{
    public sealed record Values(string Title, string Description, RoadmapStatus Status, string Target);

    public static (Values? Item, IReadOnlyDictionary<string, string> Errors) Read(JsonObject data)
    {
        var errors = new Dictionary<string, string>();
        string Text(string input, int max, bool multiline = false)
        {
            var raw = data[input] is JsonValue v ? v.ToString() : "";
            var value = multiline ? ReportForm.CleanMultiline(raw) : Conversations.TurnRouter.Normalize(raw);
            if (value.Length > max) errors[input] = $"At most {max:N0} characters, please (this has {value.Length:N0}).";
            return value;
        }

        var title = Text("title", 150);
        var description = Text("description", 2000, multiline: true);
        var statusText = Text("status", 20);
        var target = Text("target", 20).ToUpperInvariant();
        if (title.Length == 0) errors.TryAdd("title", "Give the item a title.");
        if (!Enum.TryParse<RoadmapStatus>(statusText, ignoreCase: true, out var status) || !Enum.IsDefined(status)) errors.TryAdd("status", "Pick a status.");
        if (target.Length > 0 && !TargetPattern().IsMatch(target)) errors.TryAdd("target", "Write a quarter like 2027-Q1 or a month like 2027-03, or leave it empty.");
        return errors.Count > 0 ? (null, errors) : (new Values(title, description, status, target), errors);
    }

    [GeneratedRegex(@"^20\d\d-(Q[1-4]|0[1-9]|1[0-2])$")]
    private static partial Regex TargetPattern();
}
