using System.Globalization;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Surveys;

/// <summary>
/// Answering one question at a time in the chat. <c>survey.chat</c> (a button with the run id) asks the first question
/// not answered yet; each typed answer arrives as <c>survey reply &lt;run&gt; &lt;question&gt; &lt;answer&gt;</c> (the router
/// resumes the question it asked), is checked like a form field, saved at once, and the next question follows.
/// </summary>
public sealed class SurveyChatHandler(SurveyGate gate, SurveyDesk desk, SurveyCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var parts = arguments.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        var runId = turn.Action?.Get("runId") ?? parts.ElementAtOrDefault(0);
        var (ticket, refusal) = await gate.OpenAsync(turn, runId, cancellationToken);
        if (ticket is null) return [new Reply.Text(refusal!)];
        var survey = ticket.Survey;
        var answers = ticket.Answers();

        if (turn.Action is not null || parts.Length < 2)
        {
            if (survey.Audience == SurveyAudience.Channel)
                return [new Reply.Text("In a channel everyone would read your typed answers: use the buttons or the form instead.")];
            var first = survey.Questions.FirstOrDefault(q => !answers.ContainsKey(q.Id)) ?? survey.Questions[0];
            var start = answers.Count == 0 ? "" : "I kept the answers you already gave. ";
            if (turn.Action is null) return [Ask(ticket, first, start)];
            // The clicked card says where the questions went (on Teams the click is answered by a card, not a chat message).
            var apiName = await desk.ApiNameAsync(turn.TenantKey, survey.ApiId, cancellationToken);
            return [new Reply.UpdateCard(cards.Invitation(survey, ticket.Run, apiName, false, "Answering one at a time in the chat below."), survey.Title), Ask(ticket, first, start)];
        }

        var question = survey.Questions.FirstOrDefault(q => q.Id.Equals(parts[1], StringComparison.OrdinalIgnoreCase));
        if (question is null) return [new Reply.Text("That question is not part of this survey. Nothing was recorded.")];
        var typed = parts.ElementAtOrDefault(2) ?? "";
        if (typed.Equals("stop", StringComparison.OrdinalIgnoreCase))
            return [new Reply.Text($"Stopped. The answers you gave are saved; click \"One at a time in chat\" on the survey to go on, until {ticket.Run.ClosesAt:d MMM yyyy HH:mm} UTC.")];

        var (value, error) = SurveyAnswers.Check(question, Interpret(question, typed));
        if (value is null) return [Ask(ticket, question, error + " ")];

        answers[question.Id] = value;
        await gate.SaveAsync(turn, ticket, answers, cancellationToken);
        var next = survey.Questions.SkipWhile(q => q.Id != question.Id).Skip(1).FirstOrDefault();
        if (next is not null) return [Ask(ticket, next, "Got it. ")];
        var missing = survey.Questions.Where(q => q.Required && string.IsNullOrEmpty(answers.GetValueOrDefault(q.Id))).ToList();
        if (missing.Count > 0) return [Ask(ticket, missing[0], "Nearly there: this one still needs an answer. ")];
        return [new Reply.Text($"Thanks, that was the last question: your answers to \"{survey.Title}\" are in. You can change them until {ticket.Run.ClosesAt:d MMM yyyy HH:mm} UTC.")];
    }

    private static Reply Ask(SurveyTicket ticket, SurveyQuestion question, string prefix)
    {
        var questions = ticket.Survey.Questions;
        var number = questions.ToList().FindIndex(q => q.Id == question.Id) + 1;
        var options = SurveyCards.Values(question).Select((v, i) => $"{i + 1}. {v}");
        var how = question.Type switch
        {
            QuestionType.Rating => $" Answer {question.Min} (not at all) to {question.Max} (extremely).",
            QuestionType.SingleChoice => $" Answer with one of: {string.Join(", ", options)}.",
            QuestionType.MultipleChoice => $" Answer with one or more, separated by commas: {string.Join(", ", options)}.",
            _ => "",
        };
        var optional = question.Required ? "" : " (optional: type `skip`)";
        return new Reply.Question(
            $"{prefix}Question {number} of {questions.Count}{optional}: {question.Text}{how} Type `stop` to finish later.",
            $"{SurveyVerbs.Reply} {ticket.Run.RunId} {question.Id}");
    }

    /// <summary>Typed answers: <c>skip</c> is no answer; a choice may be given by its number (an option's own text wins).</summary>
    private static string Interpret(SurveyQuestion question, string typed)
    {
        if (typed.Equals("skip", StringComparison.OrdinalIgnoreCase)) return "";
        if (question.Type is not (QuestionType.SingleChoice or QuestionType.MultipleChoice)) return typed;
        var options = question.Options;
        string One(string part) =>
            options.Any(o => o.Equals(part, StringComparison.OrdinalIgnoreCase)) ? part
            : int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= options.Count ? options[n - 1]
            : part;
        return question.Type == QuestionType.SingleChoice
            ? One(typed.Trim())
            : string.Join(",", typed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(One));
    }
}
