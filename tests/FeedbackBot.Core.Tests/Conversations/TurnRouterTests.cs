using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Tests.Doubles;

namespace FeedbackBot.Core.Tests.Conversations;

public sealed class TurnRouterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("\u0000\u0007\u001b")]
    public async Task Empty_or_control_only_text_points_to_help(string text)
    {
        var replies = await new CoreApp().SayAsync(text);

        var reply = Assert.IsType<Reply.Text>(Assert.Single(replies));
        Assert.Contains("help", reply.Message);
    }

    [Fact]
    public async Task Unknown_words_get_a_friendly_pointer_to_help()
    {
        var reply = Assert.IsType<Reply.Text>(Assert.Single(await new CoreApp().SayAsync("florp the widgets")));

        Assert.Contains("florp", reply.Message);
        Assert.Contains("`help`", reply.Message);
    }

    [Fact]
    public async Task Text_over_the_limit_is_refused_with_its_length()
    {
        var reply = Assert.IsType<Reply.Text>(Assert.Single(await new CoreApp().SayAsync(new string('a', 40_000))));

        Assert.Contains("40,000", reply.Message);
    }

    [Theory]
    [InlineData("about payments")]
    [InlineData("  ABOUT\t payments  ")]
    [InlineData("about\u0000 payments")]
    [InlineData("about Payments API")]
    public async Task Commands_match_whatever_the_case_spacing_or_stray_control_characters(string text)
    {
        var card = Assert.IsType<Reply.Card>(Assert.Single(await new CoreApp().SayAsync(text)));

        Assert.Equal("About Payments API", card.Summary);
    }

    [Fact]
    public void Normalize_collapses_whitespace_and_drops_control_characters()
    {
        Assert.Equal("api edit payments", TurnRouter.Normalize("\u200B api\r\n  edit\u0007 payments \t"));
    }

    [Fact]
    public async Task A_question_is_answered_by_the_next_message()
    {
        var app = new CoreApp();

        var asked = Assert.IsType<Reply.Text>(Assert.Single(await app.SayAsync("about")));
        var answered = Assert.IsType<Reply.Card>(Assert.Single(await app.SayAsync("payments")));

        Assert.Contains("Which API?", asked.Message);
        Assert.Equal("About Payments API", answered.Summary);
        Assert.Empty(app.FlowState.Questions);
    }

    [Fact]
    public async Task A_command_word_typed_while_a_question_waits_is_its_answer()
    {
        var app = new CoreApp();
        await app.SayAsync("about");

        var reply = Assert.IsType<Reply.Text>(Assert.Single(await app.SayAsync("apis")));

        Assert.Contains("I don't know an API called \"apis\"", reply.Message);
        Assert.Empty(app.FlowState.Questions);
    }

    [Fact]
    public async Task Cancel_drops_the_waiting_question_and_the_next_command_runs()
    {
        var app = new CoreApp();
        await app.SayAsync("about");

        var cancelled = Assert.IsType<Reply.Text>(Assert.Single(await app.SayAsync("cancel")));
        var replies = await app.SayAsync("apis");

        Assert.Contains("Cancelled", cancelled.Message);
        Assert.Equal("API catalog: 1 APIs", Assert.IsType<Reply.Card>(Assert.Single(replies)).Summary);
        Assert.Empty(app.FlowState.Questions);
    }

    [Fact]
    public async Task An_expired_question_is_not_answered()
    {
        var app = new CoreApp();
        await app.SayAsync("about");
        app.Time.Now += TurnRouter.QuestionLifetime + TimeSpan.FromMinutes(1);

        var reply = Assert.IsType<Reply.Text>(Assert.Single(await app.SayAsync("payments")));

        Assert.Contains("don't know \"payments\"", reply.Message);
    }

    [Fact]
    public async Task A_question_belongs_to_the_person_it_was_asked()
    {
        var app = new CoreApp();
        await app.SayAsync("about", CoreApp.Consumer);

        var reply = Assert.IsType<Reply.Text>(Assert.Single(await app.SayAsync("payments", CoreApp.ProductManager)));

        Assert.Contains("don't know", reply.Message);
        Assert.Single(app.FlowState.Questions);
    }

    [Fact]
    public async Task An_unknown_button_verb_gets_a_clear_answer()
    {
        var reply = Assert.IsType<Reply.Text>(Assert.Single(await new CoreApp().ClickAsync("nothing.here", [])));

        Assert.Contains("no longer know", reply.Message);
    }
}
