using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Surveys;

namespace FeedbackBot.Core.Tests.Surveys;

public sealed class SurveyScoringTests
{
    private static readonly Person Ada = new(Platform.Slack, "UADA");

    private static Survey Of(SurveyKind kind, bool anonymous = false, string salt = "5A17") => new(
        "slack:T1", "SV-101", "t", kind, "payments", anonymous, false, SurveyTemplates.For(kind, "Payments API"), SurveyAudience.ApiConsumers, null,
        "", "UTC", null, TimeSpan.FromDays(7), null, SurveyStatus.Active, "slack:UPM1", DateTimeOffset.UnixEpoch, salt, 1);

    private static SurveyResponse Answer(string who, params (string Question, string Value)[] answers) =>
        new(who, null, answers.ToDictionary(a => a.Question, a => a.Value), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Nps_counts_promoters_minus_detractors_over_everyone_who_rated()
    {
        var responses = new[]
        {
            Answer("a", ("q1", "10")), Answer("b", ("q1", "9")), Answer("c", ("q1", "7")), Answer("d", ("q1", "3")),
            Answer("e", ("q2", "only a comment")),
        };

        var score = RunScore.Of(Of(SurveyKind.Nps), recipients: 10, responses);

        Assert.Equal((5, 2, 1, 1), (score.Responses, score.Promoters, score.Passives, score.Detractors));
        Assert.Equal(25, score.Score);
        Assert.Equal("+25", score.ScoreText(SurveyKind.Nps));
        Assert.Equal("50%", score.Rate);
        Assert.Equal(11, score.Distribution.Count);
        Assert.Equal((10, 1), score.Distribution[^1]);
    }

    [Fact]
    public void Csat_and_ces_report_the_mean_and_no_answers_say_so()
    {
        var csat = RunScore.Of(Of(SurveyKind.Csat), 3, [Answer("a", ("q1", "5")), Answer("b", ("q1", "4")), Answer("c", ("q1", "4"))]);
        Assert.Equal(4.33, csat.Score);
        Assert.Equal("4.33", csat.ScoreText(SurveyKind.Csat));
        Assert.Equal(Enumerable.Range(1, 5), csat.Distribution.Select(d => d.Value));

        var none = RunScore.Of(Of(SurveyKind.Ces), 0, []);
        Assert.Null(none.Score);
        Assert.Equal("no answers yet", none.ScoreText(SurveyKind.Ces));
        Assert.Equal("n/a", none.Rate);
    }

    [Theory]
    [InlineData(QuestionType.Rating, "11", null, "Give a whole number from 0 to 10.")]
    [InlineData(QuestionType.Rating, " 7 ", "7", null)]
    [InlineData(QuestionType.SingleChoice, "rest", "REST", null)]
    [InlineData(QuestionType.SingleChoice, "soap", null, "Pick one of: REST, GraphQL, gRPC.")]
    [InlineData(QuestionType.MultipleChoice, "grpc, rest, gRPC", "gRPC,REST", null)]
    [InlineData(QuestionType.MultipleChoice, "rest, soap", null, "Pick from: REST, GraphQL, gRPC.")]
    public void An_answer_is_checked_against_its_question(QuestionType type, string raw, string? value, string? error)
    {
        var question = new SurveyQuestion("q1", type, "?", Required: true, 0, 10, ["REST", "GraphQL", "gRPC"]);

        Assert.Equal((value, error), SurveyAnswers.Check(question, raw));
    }

    [Fact]
    public void A_required_question_needs_an_answer_an_optional_one_may_stay_empty_and_free_text_has_a_limit()
    {
        Assert.Equal((null, "This question needs an answer."), SurveyAnswers.Check(new SurveyQuestion("q1", QuestionType.Rating, "?", true, 0, 10), " "));
        Assert.Equal(("", null), SurveyAnswers.Check(new SurveyQuestion("q2", QuestionType.FreeText, "?", false), ""));
        var tooLong = new string('x', SurveyVerbs.MaxFreeText + 1);
        Assert.Equal((null, $"At most {SurveyVerbs.MaxFreeText:N0} characters, please (this has {tooLong.Length:N0})."),
            SurveyAnswers.Check(new SurveyQuestion("q2", QuestionType.FreeText, "?", false), tooLong));
        Assert.Equal(("line one\nline two", null), SurveyAnswers.Check(new SurveyQuestion("q2", QuestionType.FreeText, "?", false), "line one\r\nline two\u0007"));
    }

    [Fact]
    public void An_anonymous_respondent_is_stored_under_a_salted_hash_that_names_nobody()
    {
        var named = SurveyAnswers.RespondentKey(Of(SurveyKind.Nps), Ada);
        var anonymous = SurveyAnswers.RespondentKey(Of(SurveyKind.Nps, anonymous: true), Ada);
        var otherSurvey = SurveyAnswers.RespondentKey(Of(SurveyKind.Nps, anonymous: true, salt: "0THER"), Ada);

        Assert.Equal(Ada.Key, named);
        Assert.StartsWith("anon-", anonymous);
        Assert.DoesNotContain("UADA", anonymous, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(anonymous, SurveyAnswers.RespondentKey(Of(SurveyKind.Nps, anonymous: true), Ada with { DisplayName = "Ada" }));
        Assert.NotEqual(anonymous, otherSurvey);
    }
}
