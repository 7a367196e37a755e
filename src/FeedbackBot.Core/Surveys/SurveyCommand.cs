using System.Globalization;
using System.Text.RegularExpressions;

namespace FeedbackBot.Core.Surveys;

/// <summary>What <c>survey new</c> (typed or the form) asked for, before it becomes a survey.</summary>
public sealed record SurveyRequest(SurveyKind Kind, string Api, bool Anonymous, bool Mandatory, SurveyAudience Audience,
    TimeSpan OpenFor, TimeSpan? RemindAfter, DateTimeOffset? At, string Cron, string TimeZone)
{
    /// <summary>Empty: the template's title.</summary>
    public string Title { get; init; } = "";

    /// <summary>A custom survey's questions; templates bring their own.</summary>
    public IReadOnlyList<SurveyQuestion> Questions { get; init; } = [];
}

/// <summary>
/// <c>survey new &lt;nps|csat|ces&gt; [&lt;api&gt;] [anonymous] [members|channel|consumers] [mandatory] [closes 7d]
/// [remind 2d] [at 2026-12-01T09:00] [cron "0 9 1-7 1,4,7,10 1" Europe/Paris]</c>.
/// </summary>
public static partial class SurveyCommand
{
    public const string Usage = "survey new <nps|csat|ces> [<api>] [anonymous] [members|channel|consumers] [mandatory] [closes 7d] [remind 2d] [at 2026-12-01T09:00] [cron \"0 9 1-7 1,4,7,10 1\" Europe/Paris]";

    public static (SurveyRequest? Request, string? Error) Parse(string arguments)
    {
        var cron = "";
        var zone = "UTC";
        var cronMatch = CronPattern().Match(arguments);
        if (cronMatch.Success)
        {
            cron = cronMatch.Groups["cron"].Value.Trim();
            zone = cronMatch.Groups["zone"].Success ? cronMatch.Groups["zone"].Value : "UTC";
            arguments = arguments.Remove(cronMatch.Index, cronMatch.Length);
        }
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !Enum.TryParse<SurveyKind>(words[0], ignoreCase: true, out var kind) || kind == SurveyKind.Custom || !Enum.IsDefined(kind))
            return (null, $"Which kind: nps, csat or ces? `{Usage}`");

        var (api, anonymous, mandatory, audience) = ("", false, false, SurveyAudience.ChannelMembers);
        var (openFor, remind, at) = (TimeSpan.FromDays(7), (TimeSpan?)null, (DateTimeOffset?)null);
        for (var i = 1; i < words.Length; i++)
        {
            var word = words[i].ToLowerInvariant();
            string Next() => i + 1 < words.Length ? words[++i] : "";
            switch (word)
            {
                case "anonymous": anonymous = true; break;
                case "named": anonymous = false; break;
                case "mandatory": mandatory = true; break;
                case "members": audience = SurveyAudience.ChannelMembers; break;
                case "channel": audience = SurveyAudience.Channel; break;
                case "consumers": audience = SurveyAudience.ApiConsumers; break;
                case "closes":
                    if (Duration(Next()) is not { } o || o <= TimeSpan.Zero || o > TimeSpan.FromDays(90)) return (null, "`closes` takes a duration like 7d or 48h (at most 90 days).");
                    openFor = o;
                    break;
                case "remind":
                    if (Duration(Next()) is not { } r || r <= TimeSpan.Zero) return (null, "`remind` takes a duration like 2d or 24h.");
                    remind = r;
                    break;
                case "at":
                    if (!DateTimeOffset.TryParse(Next(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)) return (null, "`at` takes a date and time like 2026-12-01T09:00 (UTC).");
                    at = when.ToUniversalTime();
                    break;
                default:
                    if (api.Length > 0) return (null, $"I don't understand \"{words[i]}\". `{Usage}`");
                    api = words[i];
                    break;
            }
        }
        if (remind >= openFor) return (null, "The reminder must come before the survey closes.");
        return (new SurveyRequest(kind, api, anonymous, mandatory, audience, openFor, remind, at, cron, zone), null);
    }

    private static TimeSpan? Duration(string text)
    {
        if (text.Length < 2 || !int.TryParse(text[..^1], out var n)) return null;
        return char.ToLowerInvariant(text[^1]) switch { 'd' => TimeSpan.FromDays(n), 'h' => TimeSpan.FromHours(n), 'm' => TimeSpan.FromMinutes(n), _ => null };
    }

    [GeneratedRegex("cron\\s+\"(?<cron>[^\"]+)\"(\\s+(?<zone>[A-Za-z_/+\\-0-9]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex CronPattern();
}
