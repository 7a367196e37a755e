using FeedbackBot.Core.Surveys;

namespace FeedbackBot.Core.Tests.Surveys;

/// <summary>The custom-question syntax of the <c>survey new</c> form, and the templates' wording.</summary>
public sealed class SurveyQuestionTextTests
{
    [Fact]
    public void Each_line_is_a_question_with_its_type_and_whether_it_is_required()
    {
        var (questions, error) = SurveyQuestionText.Parse(
            "* How easy was your first call? | rating 1-7\r\n\n  Which SDKs? | multiple: C#, Java ,Python  \n* Auth? | single: OAuth, API key\nAnything else?\nRate the docs | rating");

        Assert.Null(error);
        Assert.NotNull(questions);
        Assert.Equal(["q1", "q2", "q3", "q4", "q5"], questions.Select(q => q.Id));
        Assert.Equal([QuestionType.Rating, QuestionType.MultipleChoice, QuestionType.SingleChoice, QuestionType.FreeText, QuestionType.Rating], questions.Select(q => q.Type));
        Assert.Equal([true, false, true, false, false], questions.Select(q => q.Required));
        Assert.Equal((1, 7), (questions[0].Min, questions[0].Max));
        Assert.Equal((1, 5), (questions[4].Min, questions[4].Max));
        Assert.Equal(["C#", "Java", "Python"], questions[1].Options);
        Assert.Equal("How easy was your first call?", questions[0].Text);
    }

    [Theory]
    [InlineData("", "Write at least one question")]
    [InlineData("Rate us | rating 1-20", "Line 1: a rating scale starts at 0 or 1 and ends at 10 at most")]
    [InlineData("Rate us | rating 2-5", "Line 1: a rating scale starts at 0 or 1")]
    [InlineData("Rate us | rating 1-2", "at least three steps")]
    [InlineData("Fine? | text\nPick | single: Yes", "Line 2: a choice question has 2 to 10 options")]
    [InlineData("Pick | multiple: a, b, A", "Line 1: two options are the same.")]
    [InlineData("Pick | many things", "I don't know the answer type \"many things\"")]
    [InlineData("* | text", "Line 1: the question has no text")]
    public void A_wrong_line_is_named_with_what_is_accepted(string text, string expected)
    {
        var (questions, error) = SurveyQuestionText.Parse(text);

        Assert.Null(questions);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Limits_on_questions_options_and_lengths_are_enforced()
    {
        Assert.Contains("at most 10 questions; this has 11", SurveyQuestionText.Parse(string.Join('\n', Enumerable.Range(1, 11).Select(i => $"Q{i}?"))).Error);
        Assert.Contains("2 to 10 options", SurveyQuestionText.Parse("Pick | single: " + string.Join(", ", Enumerable.Range(1, 11).Select(i => $"o{i}"))).Error);
        Assert.Contains("longer than 75 characters", SurveyQuestionText.Parse($"Pick | single: short, {new string('x', 76)}").Error);
        Assert.Contains("at most 300 characters", SurveyQuestionText.Parse(new string('q', 301) + " | text").Error);
        Assert.Null(SurveyQuestionText.Parse(string.Join('\n', Enumerable.Range(1, 10).Select(i => $"Q{i}?"))).Error);
    }

    [Fact]
    public void Formatting_the_questions_gives_back_text_that_parses_to_the_same_questions()
    {
        var (questions, _) = SurveyQuestionText.Parse(SurveyQuestionText.Example);

        var again = SurveyQuestionText.Parse(SurveyQuestionText.Format(questions!)).Questions!;

        Assert.Equal(questions!.Select(q => (q.Id, q.Type, q.Text, q.Required, q.Min, q.Max, string.Join('|', q.Options))),
            again.Select(q => (q.Id, q.Type, q.Text, q.Required, q.Min, q.Max, string.Join('|', q.Options))));
    }

    [Fact]
    public void Templates_name_the_api_or_speak_of_our_apis_when_there_is_none()
    {
        Assert.Equal("How likely are you to recommend the Payments API to a colleague?", SurveyTemplates.For(SurveyKind.Nps, "Payments API")[0].Text);
        Assert.Equal("How satisfied are you with the billing API?", SurveyTemplates.For(SurveyKind.Csat, "billing")[0].Text);
        Assert.Equal("How likely are you to recommend our APIs to a colleague?", SurveyTemplates.For(SurveyKind.Nps, "")[0].Text);
        Assert.Equal("Effort: our APIs", SurveyTemplates.Title(SurveyKind.Ces, ""));
        Assert.Equal((0, 10), (SurveyTemplates.For(SurveyKind.Nps, "")[0].Min, SurveyTemplates.For(SurveyKind.Nps, "")[0].Max));
        Assert.Equal((1, 7), (SurveyTemplates.For(SurveyKind.Ces, "")[0].Min, SurveyTemplates.For(SurveyKind.Ces, "")[0].Max));
    }
}
