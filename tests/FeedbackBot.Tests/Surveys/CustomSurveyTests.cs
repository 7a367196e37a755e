using System.Text.Json.Nodes;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Tests.Feedback;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Surveys;

/// <summary>
/// A custom survey made in the <c>survey new</c> form on Teams, sent to the Payments API's consumers, answered once
/// through the form (with a field error for a missing required answer) and once one question at a time in chat.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CustomSurveyTests
{
    private const string Consumer = BotApplication.ConsumerAad;
    private const string OtherConsumer = TeamsFeedbackKit.OtherConsumerAad;

    private const string Questions =
        "* How easy was your first call? | rating 1-7\n" +
        "* How do you authenticate? | single: OAuth, API key\n" +
        "Which SDKs do you use? | multiple: C#, Java, Python\n" +
        "* What should we build next? | text";

    private static JsonObject NewSurveyForm(string questions = Questions, string title = "Onboarding") => new()
    {
        ["template"] = "custom", ["title"] = title, ["api"] = "payments", ["questions"] = questions, ["audience"] = "consumers",
        ["anonymous"] = "false", ["mandatory"] = "false", ["date"] = "", ["time"] = "", ["cron"] = "", ["timeZone"] = "UTC",
        ["closesDays"] = "7", ["remindDays"] = "",
    };

    private static async Task<string> ClickAsync(BotApplication bot, string verb, JsonObject data, string fromAad)
    {
        var response = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, verb, data, fromAad));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<IReadOnlyDictionary<string, string>?> AnswersAsync(BotApplication bot, string aad)
    {
        var response = await bot.Services.GetRequiredService<ISurveyStore>().GetResponseAsync(SurveyKit.Tenant, "SV-101-1", $"teams:{aad}", default);
        return response?.Answers;
    }

    [Fact]
    public async Task The_form_creates_a_custom_survey_and_a_bad_question_line_gets_a_field_error()
    {
        await using var bot = await SurveyKit.StartWithConsumersAsync();
        var form = await SurveyKit.SayAsync(bot, "survey new custom");
        Assert.Contains(SurveyVerbs.Create, form);
        var template = JsonNode.Parse(form)!["attachments"]![0]!["content"]!["body"]!.AsArray().Single(e => (string?)e?["id"] == "template");
        Assert.Equal("custom", (string?)template!["value"]);

        var bad = await ClickAsync(bot, SurveyVerbs.Create, NewSurveyForm("* Rate us | rating 1-20\nWhat else? | text", title: ""), BotApplication.ProductManagerAad);
        Assert.Contains("a rating scale starts at 0 or 1", bad);
        Assert.Contains("Give a custom survey a title", bad);
        Assert.Empty(await bot.Services.GetRequiredService<ISurveyStore>().ListAsync(SurveyKit.Tenant, default));

        var eleven = string.Join('\n', Enumerable.Range(1, 11).Select(i => $"Question {i}? | text"));
        Assert.Contains("at most 10 questions; this has 11", await ClickAsync(bot, SurveyVerbs.Create, NewSurveyForm(eleven), BotApplication.ProductManagerAad));

        var created = await ClickAsync(bot, SurveyVerbs.Create, NewSurveyForm(), BotApplication.ProductManagerAad);
        Assert.Contains("SV-101", created);
        await bot.Teams.WaitForAsync(r => r.Body.Contains("Survey SV-101") && r.Body.Contains("created: 4 question(s)") && r.Body.Contains("sent now to 2 people"), "the confirmation");

        var survey = await bot.Services.GetRequiredService<ISurveyStore>().GetAsync(SurveyKit.Tenant, "SV-101", default);
        Assert.NotNull(survey);
        Assert.Equal(SurveyKind.Custom, survey.Kind);
        Assert.Equal([QuestionType.Rating, QuestionType.SingleChoice, QuestionType.MultipleChoice, QuestionType.FreeText], survey.Questions.Select(q => q.Type));
        Assert.Equal([true, true, false, true], survey.Questions.Select(q => q.Required));
        Assert.Equal(["C#", "Java", "Python"], survey.Questions[2].Options);
        await SurveyKit.HangfireIdleAsync(bot);
        Assert.Contains(bot.Teams.Sent, r => r.Path.Contains($"personal-{OtherConsumer}") && r.Body.Contains("How easy was your first call?"));
    }

    [Fact]
    public async Task A_custom_survey_is_answered_through_the_form_and_one_at_a_time_in_chat()
    {
        await using var bot = await SurveyKit.StartWithConsumersAsync();
        await ClickAsync(bot, SurveyVerbs.Create, NewSurveyForm(), BotApplication.ProductManagerAad);
        await SurveyKit.HangfireIdleAsync(bot);
        var invitation = await bot.Teams.WaitForAsync(r => r.Path.Contains($"personal-{Consumer}") && r.Body.Contains("How easy was your first call?"), "the invitation");
        Assert.Contains("One at a time in chat", invitation.Body);
        Assert.Contains(SurveyVerbs.Answer, invitation.Body);

        // Through the form: the first question in one click, the rest in the form it opens.
        var runId = new JsonObject { ["runId"] = "SV-101-1" };
        Assert.Contains("Thanks! Your answer: 6", await ClickAsync(bot, SurveyVerbs.Answer, new JsonObject { ["runId"] = "SV-101-1", ["q"] = "q1", ["value"] = "6" }, Consumer));
        var form = await bot.Teams.WaitForAsync(r => r.Path.Contains($"personal-{Consumer}") && r.Body.Contains(SurveyVerbs.Submit), "the form with every question");
        Assert.Contains("What should we build next?", form.Body);
        Assert.Contains("isMultiSelect", form.Body);

        var missing = await ClickAsync(bot, SurveyVerbs.Submit, new JsonObject { ["runId"] = "SV-101-1", ["q1"] = "6", ["q2"] = "", ["q3"] = "C#,Python", ["q4"] = " " }, Consumer);
        Assert.Contains("This question needs an answer.", missing);
        Assert.Contains("C#,Python", missing);
        Assert.Equal(new Dictionary<string, string> { ["q1"] = "6" }, await AnswersAsync(bot, Consumer));

        var done = await ClickAsync(bot, SurveyVerbs.Submit, new JsonObject { ["runId"] = "SV-101-1", ["q1"] = "6", ["q2"] = "oauth", ["q3"] = "python,C#", ["q4"] = "Webhooks for refunds" }, Consumer);
        Assert.Contains("your answers to", done);
        Assert.Equal(new Dictionary<string, string> { ["q1"] = "6", ["q2"] = "OAuth", ["q3"] = "Python,C#", ["q4"] = "Webhooks for refunds" }, await AnswersAsync(bot, Consumer));

        // One at a time in chat: each typed answer is checked, saved, and the next question follows.
        var started = await ClickAsync(bot, SurveyVerbs.Chat, runId, OtherConsumer);
        Assert.Contains("Answering one at a time in the chat below.", started);
        await bot.Teams.WaitForAsync(r => r.Path.Contains($"personal-{OtherConsumer}") && r.Body.Contains("Question 1 of 4: How easy was your first call?"), "the first question in chat");

        var outOfScale = await SurveyKit.SayAsync(bot, "9", OtherConsumer);
        Assert.Contains("Give a whole number from 1 to 7.", outOfScale);
        Assert.Contains("Question 1 of 4", outOfScale);
        Assert.Contains("Question 2 of 4", await SurveyKit.SayAsync(bot, "3", OtherConsumer));
        Assert.Contains("Question 3 of 4 (optional", await SurveyKit.SayAsync(bot, "2", OtherConsumer));
        Assert.Contains("Question 4 of 4", await SurveyKit.SayAsync(bot, "skip", OtherConsumer));
        var required = await SurveyKit.SayAsync(bot, "skip", OtherConsumer);
        Assert.Contains("This question needs an answer.", required);
        Assert.Contains("Question 4 of 4", required);
        Assert.Equal(new Dictionary<string, string> { ["q1"] = "3", ["q2"] = "API key", ["q3"] = "" }, await AnswersAsync(bot, OtherConsumer));
        Assert.Contains("that was the last question", await SurveyKit.SayAsync(bot, "Faster sandbox resets", OtherConsumer));
        Assert.Equal("Faster sandbox resets", (await AnswersAsync(bot, OtherConsumer))!["q4"]);

        // The results count both, and show the mean of the rating and the free text.
        var results = await SurveyKit.SayAsync(bot, "survey results SV-101");
        Assert.Contains("Faster sandbox resets", results);
        Assert.Contains("4.5", results);
        Assert.Contains("OAuth: 1 · API key: 1 (2 answers)", results);
        Assert.Contains("C#: 1 · Java: 0 · Python: 1 (1 answer)", results);
    }

    [Fact]
    public async Task A_stranger_cannot_answer_in_chat_and_oversized_free_text_is_refused()
    {
        await using var bot = await SurveyKit.StartWithConsumersAsync();
        await ClickAsync(bot, SurveyVerbs.Create, NewSurveyForm(), BotApplication.ProductManagerAad);
        await SurveyKit.HangfireIdleAsync(bot);

        Assert.Contains("was not sent to you", await ClickAsync(bot, SurveyVerbs.Chat, new JsonObject { ["runId"] = "SV-101-1" }, "aad-stranger"));
        var forged = await SurveyKit.SayAsync(bot, "survey reply SV-101-1 q4 I am not a recipient", "aad-stranger");
        Assert.Contains("was not sent to you", forged);

        var huge = await ClickAsync(bot, SurveyVerbs.Submit, new JsonObject { ["runId"] = "SV-101-1", ["q1"] = "5", ["q2"] = "OAuth", ["q3"] = "", ["q4"] = new string('x', 2001) }, Consumer);
        Assert.Contains("At most 2,000 characters", huge);
        Assert.Null(await AnswersAsync(bot, Consumer));
        Assert.Null(await AnswersAsync(bot, "aad-stranger"));
    }
}
