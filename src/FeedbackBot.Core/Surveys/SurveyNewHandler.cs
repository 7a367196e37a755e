using System.Security.Cryptography;
using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary>
/// <c>survey new</c>: product managers create a survey from the form (no arguments, or <c>custom</c>) or typed from a
/// template (<c>survey new nps payments …</c>); it starts now, at a date, or on its cron.
/// </summary>
public sealed class SurveyNewHandler(
    ISurveyStore surveys, SurveyDesk desk, ISurveyCalendar calendar, ApiCatalog catalog, ApiResolver apis, RoleDirectory roles, CardTemplates templates, SurveyCards cards, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!roles.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can create surveys.")];
        if (turn.Action?.Verb == SurveyVerbs.Create) return await SubmitAsync(turn, turn.Action.Data, cancellationToken);
        if (turn.Action is not null || arguments.Length == 0 || arguments.Equals("custom", StringComparison.OrdinalIgnoreCase))
            return [SurveyNewForm.Form(templates, await catalog.ListAsync(turn.TenantKey, cancellationToken), template: arguments.Length == 0 ? "nps" : "custom")];

        var (request, error) = SurveyCommand.Parse(arguments);
        if (request is null) return [new Reply.Text(error!)];
        var (survey, started, problem, _) = await CreateAsync(turn, request, cancellationToken);
        return [new Reply.Text(survey is null ? problem : Confirmation(survey, started))];
    }

    private async Task<IReadOnlyList<Reply>> SubmitAsync(Turn turn, System.Text.Json.Nodes.JsonObject data, CancellationToken cancellationToken)
    {
        var (request, errors) = SurveyNewForm.Read(data);
        var (survey, started, problem, field) = request is null ? (null, null, "", "") : await CreateAsync(turn, request, cancellationToken);
        if (survey is null)
        {
            var all = request is null ? errors : new Dictionary<string, string> { [field] = problem };
            return [new Reply.FieldErrors(SurveyNewForm.Form(templates, await catalog.ListAsync(turn.TenantKey, cancellationToken), data, all), all)];
        }
        return [new Reply.UpdateCard(cards.List([survey]), $"Survey {survey.Id} created"), new Reply.Text(Confirmation(survey, started))];
    }

    /// <summary>Checks what only the tenant can tell (the API, the conversation, the cron) and creates the survey; else the problem and the form input it belongs to.</summary>
    private async Task<(Survey? Survey, SurveyRun? Started, string Problem, string Field)> CreateAsync(Turn turn, SurveyRequest request, CancellationToken cancellationToken)
    {
        var apiName = "";
        if (request.Api.Length > 0)
        {
            var found = await apis.FindAsync(turn.TenantKey, request.Api, cancellationToken);
            if (found.Entry is not { } api) return (null, null, ApiResolver.Unknown(request.Api).Message, "api");
            (request, apiName) = (request with { Api = api.Api.Id }, api.Api.Name);
        }
        if (request.Audience == SurveyAudience.ApiConsumers && request.Api.Length == 0)
            return (null, null, "Name the API whose consumers you want to ask: `survey new nps payments consumers`.", "api");
        if (request.Audience != SurveyAudience.ApiConsumers && turn.Conversation.Kind == ConversationKind.Personal)
            return (null, null, "Create it in the channel whose members you want to ask, or ask an API's consumers (`consumers`).", "audience");

        var now = time.GetUtcNow();
        DateTimeOffset? first = request.At ?? now;
        if (request.Cron.Length > 0)
        {
            first = calendar.Next(request.Cron, request.TimeZone, now);
            if (first is null) return (null, null, $"\"{request.Cron}\" in {request.TimeZone} is not a cron I can run. Use five fields and a time zone like Europe/Paris: `0 9 1-7 1,4,7,10 1` is 09:00 on the first Monday of each quarter.", "cron");
        }
        else if (request.At < now) return (null, null, "That date is in the past. Give a future date, or leave it out to send now.", "date");

        var id = await surveys.NextSurveyIdAsync(turn.TenantKey, cancellationToken);
        var kind = request.Kind;
        var title = request.Title.Length > 0 ? request.Title : SurveyTemplates.Title(kind, apiName);
        var questions = kind == SurveyKind.Custom ? request.Questions : SurveyTemplates.For(kind, apiName);
        var survey = new Survey(turn.TenantKey, id, title, kind, request.Api, request.Anonymous, request.Mandatory,
            questions, request.Audience, request.Audience == SurveyAudience.ApiConsumers ? null : turn.Handle,
            request.Cron, request.TimeZone, first, request.OpenFor, request.RemindAfter, SurveyStatus.Active, turn.User.Key, now,
            Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), 0);
        await surveys.AddAsync(survey, cancellationToken);
        var started = request.At is null && request.Cron.Length == 0 ? await desk.StartRunAsync(survey, now, cancellationToken) : null;
        return (survey, started, "", "");
    }

    /// <param name="started">The run started now, when the survey was sent at once.</param>
    private static string Confirmation(Survey survey, SurveyRun? started)
    {
        var when = survey.IsRecurring ? $"on cron `{survey.Cron}` ({survey.TimeZone}), first at {survey.NextRunAt?.UtcDateTime:yyyy-MM-dd HH:mm} UTC"
            : started is not null ? "now" : $"at {survey.NextRunAt?.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
        // Sent now to people personally: say how many were found, so an empty roster (bot not in the channel, nobody
        // has given feedback yet) shows at once instead of as "0 recipients" in the results a week later.
        var asked = "";
        if (started is not null && survey.Audience != SurveyAudience.Channel)
        {
            var count = started.Recipients;
            asked = count > 0 ? $" to {count} {(count == 1 ? "person" : "people")}"
                : survey.Audience == SurveyAudience.ChannelMembers
                    ? ", but I found no members to ask (is the bot in this channel, and installed for the team?)"
                    : ", but nobody has reported feedback on this API, voted for or followed its road map yet, so nobody was asked";
        }
        return $"Survey {survey.Id} \"{survey.Title}\" created: {survey.Questions.Count} question(s), {(survey.Anonymous ? "anonymous" : "named")}, to {SurveyCards.Audience(survey.Audience)}, sent {when}{asked}, open for {Days(survey.OpenFor)}. `survey results {survey.Id}` shows the answers.";
    }

    private static string Days(TimeSpan span) => span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : $"{span.TotalHours:0.#} hours";
}
