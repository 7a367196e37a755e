using System.Text.Json.Nodes;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary>An open run the clicking user may answer, with their answers so far; or why not.</summary>
public sealed record SurveyTicket(Survey Survey, SurveyRun Run, string RespondentKey, SurveyResponse? Existing)
{
    public Dictionary<string, string> Answers() => new(Existing?.Answers ?? new Dictionary<string, string>());
}

/// <summary>The checks every answer passes, whichever way it comes (click, form, chat): the run exists and is open, and the user was asked.</summary>
public sealed class SurveyGate(ISurveyStore surveys, TimeProvider time)
{
    public async Task<(SurveyTicket? Ticket, string? Refusal)> OpenAsync(Turn turn, string? runIdText, CancellationToken cancellationToken)
    {
        var runId = (runIdText ?? "").Trim().ToUpperInvariant();
        var id = SurveyRun.Parse(runId);
        var survey = id is null ? null : await surveys.GetAsync(turn.TenantKey, id.Value.SurveyId, cancellationToken);
        var run = survey is null ? null : await surveys.GetRunAsync(turn.TenantKey, survey.Id, id!.Value.Number, cancellationToken);
        if (survey is null || run is null) return (null, "I don't know that survey (it may have been removed). Nothing was recorded.");
        if (!run.IsOpen(time.GetUtcNow()) || survey.Status == SurveyStatus.Closed)
            return (null, $"Thanks, but \"{survey.Title}\" closed on {run.ClosesAt:d MMM yyyy HH:mm} UTC, so answers are no longer recorded.");

        // A personal run counts only the people it was sent to (else anyone holding a run id could skew the results).
        if (survey.Audience != SurveyAudience.Channel && await surveys.GetRecipientAsync(turn.TenantKey, runId, turn.User.Key, cancellationToken) is null)
            return (null, $"\"{survey.Title}\" was not sent to you, so I can't record your answer. Nothing was recorded.");

        var respondentKey = SurveyAnswers.RespondentKey(survey, turn.User);
        var existing = await surveys.GetResponseAsync(turn.TenantKey, runId, respondentKey, cancellationToken);
        return (new SurveyTicket(survey, run, respondentKey, existing), null);
    }

    /// <summary>Replaces the respondent's answers; for an anonymous survey the response carries no person.</summary>
    public Task SaveAsync(Turn turn, SurveyTicket ticket, IReadOnlyDictionary<string, string> answers, CancellationToken cancellationToken) =>
        surveys.SaveResponseAsync(turn.TenantKey, ticket.Run.RunId,
            new SurveyResponse(ticket.RespondentKey, ticket.Survey.Anonymous ? null : turn.User, answers, time.GetUtcNow()), cancellationToken);
}

/// <summary>
/// A one-click answer (<c>survey.answer</c>: runId, q, value) and the form with every question (<c>survey.submit</c>).
/// The respondent is always the clicking user, whatever the data says; answers replace earlier ones until the run closes.
/// </summary>
public sealed class SurveyAnswerHandler(SurveyGate gate, SurveyDesk desk, SurveyCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action!;
        var (ticket, refusal) = await gate.OpenAsync(turn, action.Get("runId"), cancellationToken);
        if (ticket is null) return [new Reply.Text(refusal!)];
        var (survey, run) = (ticket.Survey, ticket.Run);
        var answers = ticket.Answers();

        if (action.Verb == SurveyVerbs.Submit) return await SubmitAsync(turn, ticket, answers, cancellationToken);

        var question = survey.Questions.FirstOrDefault(q => q.Id == action.Get("q"));
        if (question is null || !SurveyCards.OneClick(question)) return [new Reply.Text("That button does not belong to a question of this survey. Nothing was recorded.")];
        var (value, error) = SurveyAnswers.Check(question, action.Get("value"));
        if (value is null) return [new Reply.Text($"{error} Nothing was recorded.")];

        answers[question.Id] = value;
        await gate.SaveAsync(turn, ticket, answers, cancellationToken);
        var apiName = await desk.ApiNameAsync(turn.TenantKey, survey.ApiId, cancellationToken);
        var thanks = $"Thanks! Your answer: {value}. {(ticket.Existing is null ? "" : "(It replaces your earlier one.) ")}Click another to change it.";

        // In a channel the card is everyone's: the clicker alone sees the thanks (Teams: the invoke answer replaces the card
        // for the interactor only; Slack: an ephemeral message or their own modal). The channel never learns who answered what.
        if (turn.Conversation.Kind != ConversationKind.Personal)
            return survey.Questions.Count > 1
                ? [Form(survey, run.RunId, answers, notice: $"Thanks! Your answer: {value}. The other questions are below; you can change any answer until the survey closes.")]
                : [new Reply.Text(thanks)];
        var invitation = new Reply.UpdateCard(cards.Invitation(survey, run, apiName, false, thanks), survey.Title);
        return survey.Questions.Count > 1 ? [invitation, Form(survey, run.RunId, answers)] : [invitation];
    }

    public Reply.Form Form(Survey survey, string runId, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? errors = null, string notice = "") =>
        new(cards.Form(survey, runId, values, errors, notice), survey.Title, SurveyVerbs.Submit, new CardAction(SurveyVerbs.More, new JsonObject { ["runId"] = runId }));

    private async Task<IReadOnlyList<Reply>> SubmitAsync(Turn turn, SurveyTicket ticket, Dictionary<string, string> answers, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        foreach (var question in ticket.Survey.Questions)
        {
            var (value, error) = SurveyAnswers.Check(question, turn.Action!.Get(question.Id));
            if (value is null) errors[question.Id] = error!;
            else answers[question.Id] = value;
        }
        if (errors.Count > 0)
        {
            var typed = ticket.Survey.Questions.ToDictionary(q => q.Id, q => turn.Action!.Get(q.Id) ?? "");
            return [new Reply.FieldErrors(Form(ticket.Survey, ticket.Run.RunId, typed, errors), errors)];
        }
        await gate.SaveAsync(turn, ticket, answers, cancellationToken);
        return [new Reply.Text($"Thanks, your answers to \"{ticket.Survey.Title}\" are in. You can change them until {ticket.Run.ClosesAt:d MMM yyyy HH:mm} UTC.")];
    }
}

/// <summary><c>survey.more</c>: opens the form with every question (Slack opens modals only from a click).</summary>
public sealed class SurveyMoreHandler(SurveyGate gate, SurveyAnswerHandler answers) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var (ticket, refusal) = await gate.OpenAsync(turn, turn.Action?.Get("runId"), cancellationToken);
        if (ticket is null) return [new Reply.Text(refusal!)];
        return [answers.Form(ticket.Survey, ticket.Run.RunId, ticket.Answers())];
    }
}
