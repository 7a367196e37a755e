using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary>
/// A rating click (<c>survey.answer</c>: runId, q, value) and the form with the other questions (<c>survey.submit</c>).
/// The respondent is always the clicking user, whatever the data says; answers replace earlier ones until the run closes.
/// </summary>
public sealed class SurveyAnswerHandler(ISurveyStore surveys, SurveyDesk desk, SurveyCards cards, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action!;
        var runId = (action.Get("runId") ?? "").Trim().ToUpperInvariant();
        var id = SurveyRun.Parse(runId);
        var survey = id is null ? null : await surveys.GetAsync(turn.TenantKey, id.Value.SurveyId, cancellationToken);
        var run = survey is null ? null : await surveys.GetRunAsync(turn.TenantKey, survey.Id, id!.Value.Number, cancellationToken);
        if (survey is null || run is null) return [new Reply.Text("I don't know that survey (it may have been removed). Nothing was recorded.")];
        if (!run.IsOpen(time.GetUtcNow()) || survey.Status == SurveyStatus.Closed)
            return [new Reply.Text($"Thanks, but \"{survey.Title}\" closed on {run.ClosesAt:d MMM yyyy HH:mm} UTC, so answers are no longer recorded.")];

        // A personal run counts only the people it was sent to (else anyone holding a run id could skew the results).
        if (survey.Audience != SurveyAudience.Channel && await surveys.GetRecipientAsync(turn.TenantKey, runId, turn.User.Key, cancellationToken) is null)
            return [new Reply.Text($"\"{survey.Title}\" was not sent to you, so I can't record your answer. Nothing was recorded.")];

        var respondentKey = SurveyAnswers.RespondentKey(survey, turn.User);
        var existing = await surveys.GetResponseAsync(turn.TenantKey, runId, respondentKey, cancellationToken);
        var answers = new Dictionary<string, string>(existing?.Answers ?? new Dictionary<string, string>());

        if (action.Verb == SurveyVerbs.Submit) return await SubmitAsync(turn, survey, run, respondentKey, answers, cancellationToken);

        var question = survey.Questions.FirstOrDefault(q => q.Id == action.Get("q"));
        if (question is null) return [new Reply.Text("That button does not belong to a question of this survey. Nothing was recorded.")];
        var (value, error) = SurveyAnswers.Check(question, action.Get("value"));
        if (value is null) return [new Reply.Text($"{error} Nothing was recorded.")];

        answers[question.Id] = value;
        await SaveAsync(turn, survey, runId, respondentKey, answers, cancellationToken);
        var apiName = await desk.ApiNameAsync(turn.TenantKey, survey.ApiId, cancellationToken);
        var thanks = $"Thanks! Your answer: {value}. {(existing is null ? "" : "(It replaces your earlier one.) ")}Click another to change it.";

        var replies = new List<Reply>();
        // In a channel the card is everyone's: the thanks goes in a message instead of redrawing it for all.
        replies.Add(turn.Conversation.Kind == ConversationKind.Personal
            ? new Reply.UpdateCard(cards.Invitation(survey, run, apiName, false, thanks), survey.Title)
            : new Reply.Text($"{turn.User.Label}: {thanks}"));
        if (survey.Questions.Count > 1)
            replies.Add(new Reply.Form(cards.Form(survey, runId, answers), "A few more words", SurveyVerbs.Submit,
                new CardAction(SurveyVerbs.More, new System.Text.Json.Nodes.JsonObject { ["runId"] = runId })));
        return replies;
    }

    private async Task<IReadOnlyList<Reply>> SubmitAsync(Turn turn, Survey survey, SurveyRun run, string respondentKey, Dictionary<string, string> answers, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        foreach (var question in survey.Questions.Skip(1))
        {
            var (value, error) = SurveyAnswers.Check(question, turn.Action!.Get(question.Id));
            if (value is null) errors[question.Id] = error!;
            else answers[question.Id] = value;
        }
        if (errors.Count > 0)
        {
            var typed = survey.Questions.ToDictionary(q => q.Id, q => turn.Action!.Get(q.Id) ?? "");
            var form = new Reply.Form(cards.Form(survey, run.RunId, typed, errors), "A few more words", SurveyVerbs.Submit,
                new CardAction(SurveyVerbs.More, new System.Text.Json.Nodes.JsonObject { ["runId"] = run.RunId }));
            return [new Reply.FieldErrors(form, errors)];
        }
        await SaveAsync(turn, survey, run.RunId, respondentKey, answers, cancellationToken);
        return [new Reply.Text("Thanks, your answers are in. You can change them until the survey closes.")];
    }

    private Task SaveAsync(Turn turn, Survey survey, string runId, string respondentKey, Dictionary<string, string> answers, CancellationToken cancellationToken) =>
        surveys.SaveResponseAsync(turn.TenantKey, runId,
            new SurveyResponse(respondentKey, survey.Anonymous ? null : turn.User, answers, time.GetUtcNow()), cancellationToken);
}

/// <summary><c>survey.more</c>: opens the form with the other questions again (Slack opens modals only from a click).</summary>
public sealed class SurveyMoreHandler(ISurveyStore surveys, SurveyCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var runId = (turn.Action?.Get("runId") ?? "").Trim().ToUpperInvariant();
        var survey = SurveyRun.Parse(runId) is { } id ? await surveys.GetAsync(turn.TenantKey, id.SurveyId, cancellationToken) : null;
        if (survey is null) return [new Reply.Text("I don't know that survey (it may have been removed).")];
        var existing = await surveys.GetResponseAsync(turn.TenantKey, runId, SurveyAnswers.RespondentKey(survey, turn.User), cancellationToken);
        return [new Reply.Form(cards.Form(survey, runId, existing?.Answers ?? new Dictionary<string, string>()), "A few more words", SurveyVerbs.Submit,
            new CardAction(SurveyVerbs.More, new System.Text.Json.Nodes.JsonObject { ["runId"] = runId }))];
    }
}
