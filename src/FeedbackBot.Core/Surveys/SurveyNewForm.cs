using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary>
/// The <c>survey new</c> form: a template or custom questions, the API, audience, anonymity, schedule and closing.
/// Reading it gives the same <see cref="SurveyRequest"/> as the typed command, so both create surveys one way.
/// </summary>
public static class SurveyNewForm
{
    public const string NoApi = "none";

    public static Reply.Form Form(CardTemplates templates, IReadOnlyList<CatalogEntry> apis, JsonObject? typed = null, IReadOnlyDictionary<string, string>? errors = null, string template = "nps")
    {
        string Value(string input, string fallback = "") => typed?[input] is JsonValue v ? v.ToString() : fallback;
        var data = new
        {
            heading = "New survey",
            template = Value("template", template),
            title = Value("title"),
            api = Value("api", apis.Count == 1 ? apis[0].Api.Id : NoApi),
            apis = new[] { new { id = NoApi, name = "No API (a general survey)" } }.Concat(apis.Select(a => new { id = a.Api.Id, name = a.Api.Name })),
            questions = Value("questions"),
            example = SurveyQuestionText.Example,
            audience = Value("audience", "members"),
            anonymous = Value("anonymous", "false"),
            mandatory = Value("mandatory", "false"),
            date = Value("date"),
            time = Value("time"),
            cron = Value("cron"),
            timeZone = Value("timeZone", "UTC"),
            closesDays = Value("closesDays", "7"),
            remindDays = Value("remindDays"),
            errors = errors ?? new Dictionary<string, string>(),
        };
        return new Reply.Form(templates.Expand("survey-new-form", data), "New survey", SurveyVerbs.Create, new CardAction(SurveyVerbs.Open, []));
    }

    /// <summary>The form's inputs as a request (the API still a name to resolve), or an error per input.</summary>
    public static (SurveyRequest? Request, IReadOnlyDictionary<string, string> Errors) Read(JsonObject data)
    {
        var errors = new Dictionary<string, string>();
        string Get(string input) => data[input] is JsonValue v ? v.ToString() : "";
        string Line(string input) => TurnRouter.Normalize(Get(input));

        var template = Line("template").ToLowerInvariant();
        var kind = template switch { "nps" => SurveyKind.Nps, "csat" => SurveyKind.Csat, "ces" => SurveyKind.Ces, "custom" => SurveyKind.Custom, _ => (SurveyKind?)null };
        if (kind is null) errors["template"] = "Pick NPS, CSAT, CES or custom questions.";

        var title = Line("title");
        if (title.Length > 100) errors["title"] = $"At most 100 characters, please (this has {title.Length}).";
        else if (title.Length == 0 && kind == SurveyKind.Custom) errors["title"] = "Give a custom survey a title; people see it on the card.";

        IReadOnlyList<SurveyQuestion> questions = [];
        if (kind == SurveyKind.Custom)
        {
            var (parsed, error) = SurveyQuestionText.Parse(Get("questions"));
            if (parsed is null) errors["questions"] = error!;
            else questions = parsed;
        }

        var api = Line("api");
        if (api.Equals(NoApi, StringComparison.OrdinalIgnoreCase)) api = "";

        var audience = Line("audience").ToLowerInvariant() switch
        {
            "members" => SurveyAudience.ChannelMembers,
            "channel" => SurveyAudience.Channel,
            "consumers" => SurveyAudience.ApiConsumers,
            _ => (SurveyAudience?)null,
        };
        if (audience is null) errors["audience"] = "Pick who is asked.";

        DateTimeOffset? at = null;
        var (date, time) = (Line("date"), Line("time"));
        if (date.Length > 0 || time.Length > 0)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                errors["date"] = "Pick the day to send it, or leave day and time empty to send now.";
            else if (!TimeOnly.TryParseExact(time.Length == 0 ? "09:00" : time, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
                errors["time"] = "Write the time as 24-hour HH:mm in UTC, like 09:00.";
            else at = new DateTimeOffset(day.ToDateTime(clock), TimeSpan.Zero);
        }

        var cron = Line("cron");
        var zone = Line("timeZone") is { Length: > 0 } z ? z : "UTC";
        if (cron.Length > 0 && at is not null) errors["cron"] = "Either a day to send it once, or a cron to repeat it: not both.";

        var openFor = Days(Line("closesDays"), "closesDays", errors, required: true) ?? TimeSpan.FromDays(7);
        var remind = Days(Line("remindDays"), "remindDays", errors, required: false);
        if (remind >= openFor) errors.TryAdd("remindDays", "The reminder must come before the survey closes.");

        if (errors.Count > 0) return (null, errors);
        return (new SurveyRequest(kind!.Value, api, Get("anonymous") == "true", Get("mandatory") == "true", audience!.Value, openFor, remind, at, cron, zone)
        {
            Title = title,
            Questions = questions,
        }, errors);
    }

    private static TimeSpan? Days(string text, string input, Dictionary<string, string> errors, bool required)
    {
        if (text.Length == 0)
        {
            if (required) errors[input] = "Give the number of days it stays open (at most 90).";
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) || days <= 0 || days > 90)
        {
            errors[input] = "A number of days from 0.1 to 90 (0.5 is twelve hours).";
            return null;
        }
        return TimeSpan.FromHours(Math.Round(days * 24, 1));
    }
}
