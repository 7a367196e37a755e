using System.Text.Json.Nodes;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Tests.Feedback;

public sealed class FeedbackRuleTests
{
    private static readonly DateTimeOffset Monday9 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("payments: pagination skips page 2", "payments", "pagination skips page 2")]
    [InlineData("Payments API :  please add refunds ", "Payments API", "please add refunds")]
    public void Quick_text_splits_at_the_first_colon(string arguments, string api, string text)
    {
        Assert.Equal((api, text), QuickReport.Split(arguments));
    }

    [Theory]
    [InlineData("payments")]
    [InlineData(": no api")]
    [InlineData("payments:   ")]
    public void Quick_text_without_an_api_and_words_is_not_a_quick_report(string arguments)
    {
        Assert.Null(QuickReport.Split(arguments));
    }

    [Theory]
    [InlineData("pagination skips page 2", FeedbackKind.Bug)]
    [InlineData("please add refunds by card", FeedbackKind.FeatureRequest)]
    [InlineData("how do I page through results", FeedbackKind.Question)]
    [InlineData("thanks for the new docs", FeedbackKind.Praise)]
    [InlineData("refunds", null)]
    [InlineData("thanks, but it crashes", null)]
    public void The_kind_is_guessed_only_when_the_words_point_one_way(string text, FeedbackKind? expected)
    {
        Assert.Equal(expected, QuickReport.GuessKind(text));
    }

    [Fact]
    public void Similar_reports_share_their_words_and_unrelated_ones_do_not()
    {
        FeedbackReport Open(string id, string title) => new("slack:T1", id, "payments", FeedbackKind.Bug, title, "", BugImpact.None, "", "", "",
            new Person(Platform.Slack, "U1"), new ConversationHandle(new ConversationAddress(Platform.Slack, "T1", "D1", ConversationKind.Personal), "D1"),
            Monday9, ReportStatus.New, Priority.None, "", "", 0, null, []);
        var open = new[] { Open("FB-1", "Pagination skips the second page"), Open("FB-2", "Refunds time out"), Open("FB-3", "Docs typo in webhooks") };

        var similar = Similarity.Find("pagination skips page 2", "", open);

        Assert.Equal(["FB-1"], similar.Select(r => r.ShortId));
    }

    [Fact]
    public void Working_time_skips_the_weekend_in_the_zone()
    {
        var friday9 = Monday9.AddDays(-3);

        Assert.Equal(TimeSpan.FromDays(1), TriageReminders.WorkingTime(friday9, Monday9, TimeZoneInfo.Utc));
        Assert.Equal(TimeSpan.FromDays(2), TriageReminders.WorkingTime(friday9, Monday9.AddDays(1), TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_bug_needs_its_impact_and_a_form_names_each_missing_field()
    {
        var apis = new[] { new FeedbackBot.Core.Catalog.CatalogEntry(Doubles.CoreApp.Payments, "", true) };

        var (_, errors) = ReportForm.Read(new JsonObject { ["api"] = "payments", ["kind"] = "Bug", ["title"] = "" }, apis);
        var (_, unknownApi) = ReportForm.Read(new JsonObject { ["api"] = "nope", ["kind"] = "Praise", ["title"] = "Nice" }, apis);
        var (draft, none) = ReportForm.Read(new JsonObject { ["api"] = "payments", ["kind"] = "Question", ["title"] = "How?", ["impact"] = "" }, apis);

        Assert.Equal(["impact", "title"], errors.Keys.Order());
        Assert.Equal(["api"], unknownApi.Keys);
        Assert.Empty(none);
        Assert.Equal(BugImpact.None, draft!.Impact);
    }

    [Fact]
    public void Details_keep_their_lines_but_lose_control_characters()
    {
        Assert.Equal("line one\nline two", ReportForm.CleanMultiline("line\u0007 one\r\nline \u001b two\n"));
    }
}
