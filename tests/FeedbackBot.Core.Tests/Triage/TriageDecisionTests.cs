using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Tests.Doubles;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Tests.Triage;

public sealed class TriageDecisionTests
{
    private static readonly Person Stranger = new(Platform.Slack, "UPM2", "Pat");

    [Fact]
    public async Task The_first_decision_wins_and_a_later_click_is_shown_what_was_decided()
    {
        var desks = new FeedbackDesks();
        var report = await desks.FileAsync();

        await desks.ClickAsync(TriageVerbs.Accept, CoreApp.ProductManager, report.ShortId, ("priority", "P2"));
        var late = await desks.ClickAsync(TriageVerbs.Decline, CoreApp.Owner, report.ShortId, ("reason", "Out of scope"));

        var stored = await desks.ReportAsync(report.ShortId);
        Assert.Equal(ReportStatus.Accepted, stored.Status);
        Assert.Equal(Priority.P2, stored.Priority);
        var text = Assert.IsType<Reply.Text>(late[^1]);
        Assert.Equal($"{report.ShortId} was already decided: Accepted as P2 by {CoreApp.ProductManager.Label}. Nothing changed.", text.Message);
        Assert.IsType<Reply.UpdateCard>(late[0]);
    }

    [Fact]
    public async Task A_decision_that_loses_the_race_to_a_concurrent_one_changes_nothing()
    {
        var desks = new FeedbackDesks();
        var report = await desks.FileAsync();
        // Between this click's read and its write, another product manager declines the report.
        desks.Reports.BeforeWrite = shortId => desks.Reports.UpdateAsync(FeedbackDesks.Tenant, shortId,
            r => (r with { Status = ReportStatus.Declined }).With(new ReportEvent(desks.Time.GetUtcNow(), "Pat PM", "Declined: not ours")), null, default).Wait();

        var replies = await desks.ClickAsync(TriageVerbs.Accept, CoreApp.ProductManager, report.ShortId, ("priority", "P1"));

        Assert.Equal(ReportStatus.Declined, (await desks.ReportAsync(report.ShortId)).Status);
        var text = Assert.IsType<Reply.Text>(replies[^1]);
        Assert.Equal($"Someone else acted on {report.ShortId} at the same moment: Declined: not ours by Pat PM. Your click changed nothing.", text.Message);
        Assert.Empty(desks.Messenger.Notified);
    }

    [Fact]
    public async Task Only_product_managers_and_the_apis_owners_may_decide()
    {
        var desks = new FeedbackDesks();
        var report = await desks.FileAsync();

        var refused = await desks.ClickAsync(TriageVerbs.Accept, CoreApp.Consumer, report.ShortId, ("priority", "P1"));
        Assert.Equal($"Only the product managers of this API can triage {report.ShortId}. Nothing changed.", Assert.IsType<Reply.Text>(Assert.Single(refused)).Message);
        Assert.Equal(ReportStatus.New, (await desks.ReportAsync(report.ShortId)).Status);

        await desks.ClickAsync(TriageVerbs.Accept, CoreApp.Owner, report.ShortId, ("priority", "P3"));
        Assert.Equal(ReportStatus.Accepted, (await desks.ReportAsync(report.ShortId)).Status);
    }

    [Fact]
    public async Task Work_can_be_assigned_only_to_someone_who_may_triage_the_api()
    {
        var desks = new FeedbackDesks();
        var report = await desks.FileAsync();

        var refused = await desks.ClickAsync(TriageVerbs.Assign, CoreApp.ProductManager, report.ShortId, ("assignee", CoreApp.Consumer.Key));
        Assert.Equal($"{CoreApp.Consumer.Key} is not a product manager of this API, so they cannot take it.", Assert.IsType<Reply.Text>(Assert.Single(refused)).Message);

        await desks.ClickAsync(TriageVerbs.Assign, CoreApp.ProductManager, report.ShortId, ("assignee", CoreApp.Owner.Key));
        var assigned = await desks.ReportAsync(report.ShortId);
        Assert.Equal(CoreApp.Owner.Key, assigned.Assignee);
        // The reporter is not bothered by who works on it; only the assignee hears.
        Assert.Equal(CoreApp.Owner.Key, Assert.Single(desks.Messenger.Notified).Person.Key);
    }

    [Fact]
    public async Task The_reporter_reads_the_decision_and_the_product_managers_own_words()
    {
        var desks = new FeedbackDesks();
        var report = await desks.FileAsync();

        await desks.ClickAsync(TriageVerbs.Decline, Stranger, report.ShortId, ("reason", "We are retiring page-based pagination."));

        // Pat is neither a configured product manager nor an owner: nothing was decided, nobody was told.
        Assert.Empty(desks.Messenger.Notified);

        await desks.ClickAsync(TriageVerbs.Decline, CoreApp.ProductManager, report.ShortId, ("reason", "We are retiring page-based pagination."));
        var (person, reply) = Assert.Single(desks.Messenger.Notified);
        Assert.Equal(FeedbackDesks.Reporter, person);
        var card = Assert.IsType<Reply.Card>(reply);
        Assert.Equal($"Your report {report.ShortId} was declined", card.Summary);
        var json = card.Content.ToJsonString();
        Assert.Contains("We are retiring page-based pagination.", json);
        Assert.Contains(report.Title, json);
    }

    [Fact]
    public async Task A_question_to_the_reporter_waits_for_their_next_message_as_the_answer()
    {
        var desks = new FeedbackDesks();
        var report = await desks.FileAsync();

        await desks.ClickAsync(TriageVerbs.NeedsInfo, CoreApp.ProductManager, report.ShortId, ("question", "Which SDK version?"));

        Assert.Equal(ReportStatus.NeedsInfo, (await desks.ReportAsync(report.ShortId)).Status);
        var card = Assert.IsType<Reply.Card>(Assert.Single(desks.Messenger.Notified).Reply);
        Assert.Equal($"A question about your report {report.ShortId}", card.Summary);
        Assert.Contains("Which SDK version?", card.Content.ToJsonString());
        var pending = Assert.Single(desks.FlowState.Questions);
        Assert.Equal($"answer {report.ShortId}", pending.Value.ResumeCommand);
    }

    [Theory]
    [InlineData(TriageVerbs.Accept, "", "Pick a priority (P1 to P4) to accept it.")]
    [InlineData(TriageVerbs.Decline, "", "The reason is empty: the reporter reads it, so say a few words.")]
    [InlineData(TriageVerbs.NeedsInfo, "", "The question is empty: the reporter reads it, so say a few words.")]
    [InlineData(TriageVerbs.Duplicate, "", "Pick the report this one duplicates (another report of this workspace).")]
    public void A_decision_without_what_the_reporter_needs_is_refused(string verb, string input, string refusal)
    {
        var report = new FeedbackReport(FeedbackDesks.Tenant, "FB-1001", "payments", FeedbackKind.Bug, "t", "d", BugImpact.Degraded, "", "", "",
            FeedbackDesks.Reporter, FeedbackDesks.ReporterDm, DateTimeOffset.UnixEpoch, ReportStatus.New, Priority.None, "", "", 0, null, []);
        var data = new System.Text.Json.Nodes.JsonObject { ["priority"] = input, ["reason"] = input, ["question"] = input, ["duplicateOf"] = input };

        var outcome = TriageDecisions.Decide(report, new CardAction(verb, data), CoreApp.ProductManager, DateTimeOffset.UnixEpoch, _ => null, _ => true);

        Assert.Null(outcome.Updated);
        Assert.Equal(refusal, outcome.Refusal);
    }

    [Fact]
    public async Task The_assignee_is_told_personally_with_the_card_and_assigning_yourself_tells_nobody()
    {
        var desks = new FeedbackDesks();
        var report = await desks.FileAsync();

        await desks.ClickAsync(TriageVerbs.AssignMe, CoreApp.ProductManager, report.ShortId);
        var nobodyYet = desks.Messenger.Notified.Count;
        await desks.ClickAsync(TriageVerbs.Assign, CoreApp.ProductManager, report.ShortId, ("assignee", CoreApp.Owner.Key));

        Assert.Equal(0, nobodyYet);
        var told = Assert.Single(desks.Messenger.Notified);
        Assert.Equal(CoreApp.Owner.Key, told.Person.Key);
        var card = Assert.IsType<Reply.Card>(told.Reply);
        Assert.Contains($"assigned {report.ShortId} to you", card.Summary);
        Assert.Contains("Pagination skips page 2", card.Content.ToJsonString());
    }

    [Fact]
    public async Task A_voter_and_the_reporter_hear_each_change_once_in_plain_words()
    {
        var desks = new FeedbackDesks();
        var report = await desks.FileAsync();
        var voter = new Person(Platform.Slack, "UVOTER", "Val");
        var voterDm = new ConversationHandle(new ConversationAddress(Platform.Slack, "T1", "DVOTER", ConversationKind.Personal), "DVOTER");
        await desks.Reports.AddVoteAsync(FeedbackDesks.Tenant, report.ShortId, new Supporter(voter, voterDm), "", default);

        await desks.ClickAsync(TriageVerbs.Accept, CoreApp.ProductManager, report.ShortId, ("priority", "P2"), ("note", "Next sprint."));
        await desks.ClickAsync(TriageVerbs.Progress, CoreApp.ProductManager, report.ShortId, ("stage", "InProgress"));

        Assert.Equal(
            [(FeedbackDesks.Reporter.Key, $"Your report {report.ShortId} was accepted (high priority)"), (voter.Key, $"A report you follow: {report.ShortId} was accepted (high priority)"),
             (FeedbackDesks.Reporter.Key, $"Your report {report.ShortId} is being worked on"), (voter.Key, $"A report you follow: {report.ShortId} is being worked on")],
            desks.Messenger.Notified.Select(n => (n.Person.Key, Assert.IsType<Reply.Card>(n.Reply).Summary)));
    }
}
