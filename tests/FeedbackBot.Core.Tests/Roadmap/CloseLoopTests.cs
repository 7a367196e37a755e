using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Tests.Doubles;

namespace FeedbackBot.Core.Tests.Roadmap;

public sealed class CloseLoopTests
{
    private static readonly Person Voter = new(Platform.Slack, "UVOTER", "Val Voter");
    private static readonly ConversationHandle VoterDm = new(new ConversationAddress(Platform.Slack, "T1", "DVOTER", ConversationKind.Personal), "DVOTER");

    [Fact]
    public async Task Someone_who_reported_voted_and_followed_is_told_once_with_every_reason()
    {
        var desks = new FeedbackDesks();
        var report = await desks.FileAsync();
        var item = await desks.RoadmapDesk.CreateAsync(FeedbackDesks.Tenant, "payments", new RoadmapForm.Values("Cursor pagination", "", RoadmapStatus.Planned, ""),
            CoreApp.ProductManager, [report.ShortId], default);
        var reporterSupport = new Supporter(FeedbackDesks.Reporter, FeedbackDesks.ReporterDm);
        await desks.Roadmap.AddSupporterAsync(FeedbackDesks.Tenant, item.ItemId, SupportKind.Vote, reporterSupport, default);
        await desks.Roadmap.AddSupporterAsync(FeedbackDesks.Tenant, item.ItemId, SupportKind.Follow, reporterSupport, default);
        await desks.Roadmap.AddSupporterAsync(FeedbackDesks.Tenant, item.ItemId, SupportKind.Vote, new Supporter(Voter, VoterDm), default);

        var read = (await desks.Roadmap.GetAsync(FeedbackDesks.Tenant, item.ItemId, default))!;
        var (moved, told) = await desks.RoadmapDesk.MoveAsync(read, RoadmapStatus.Shipped, "Out in 2.4", CoreApp.ProductManager, default);

        Assert.Equal(RoadmapStatus.Shipped, moved?.Status);
        Assert.Equal(2, told);
        Assert.Equal([FeedbackDesks.Reporter.Key, Voter.Key], desks.Messenger.Notified.Select(n => n.Person.Key).Order());
        var toReporter = Assert.IsType<Reply.Card>(desks.Messenger.Notified.Single(n => n.Person == FeedbackDesks.Reporter).Reply).Content.ToJsonString();
        Assert.Contains($"you reported {report.ShortId}", toReporter);
        Assert.Contains("you voted for it", toReporter);
        Assert.Contains("you follow it", toReporter);
        Assert.Contains("Out in 2.4", toReporter);
    }

    [Fact]
    public async Task Closing_the_loop_again_tells_nobody_twice()
    {
        var desks = new FeedbackDesks();
        var item = await desks.RoadmapDesk.CreateAsync(FeedbackDesks.Tenant, "payments", new RoadmapForm.Values("Webhooks", "", RoadmapStatus.Planned, ""), CoreApp.ProductManager, [], default);
        await desks.Roadmap.AddSupporterAsync(FeedbackDesks.Tenant, item.ItemId, SupportKind.Follow, new Supporter(Voter, VoterDm), default);
        var read = (await desks.Roadmap.GetAsync(FeedbackDesks.Tenant, item.ItemId, default))!;
        var (moved, told) = await desks.RoadmapDesk.MoveAsync(read, RoadmapStatus.Dropped, "Superseded by events", CoreApp.ProductManager, default);

        var again = await desks.RoadmapDesk.CloseLoopAsync(moved!, CoreApp.ProductManager, default);

        Assert.Equal((1, 0), (told, again));
        Assert.Single(desks.Messenger.Notified);
    }

    [Fact]
    public async Task A_move_made_on_a_stale_version_changes_nothing_and_tells_nobody()
    {
        var desks = new FeedbackDesks();
        var item = await desks.RoadmapDesk.CreateAsync(FeedbackDesks.Tenant, "payments", new RoadmapForm.Values("Webhooks", "", RoadmapStatus.Planned, ""), CoreApp.ProductManager, [], default);
        await desks.Roadmap.AddSupporterAsync(FeedbackDesks.Tenant, item.ItemId, SupportKind.Follow, new Supporter(Voter, VoterDm), default);
        var stale = (await desks.Roadmap.GetAsync(FeedbackDesks.Tenant, item.ItemId, default))!;
        await desks.RoadmapDesk.MoveAsync(stale, RoadmapStatus.InProgress, "", CoreApp.Owner, default);

        var (moved, told) = await desks.RoadmapDesk.MoveAsync(stale, RoadmapStatus.Shipped, "", CoreApp.ProductManager, default);

        Assert.Null(moved);
        Assert.Equal(0, told);
        Assert.Equal(RoadmapStatus.InProgress, (await desks.Roadmap.GetAsync(FeedbackDesks.Tenant, item.ItemId, default))!.Item.Status);
        // Only the move that won was told (it started); the stale ship told nobody.
        var only = Assert.Single(desks.Messenger.Notified);
        Assert.Equal("Started: Webhooks", Assert.IsType<Reply.Card>(only.Reply).Summary);
    }

    [Fact]
    public async Task A_follower_hears_planned_started_new_target_and_shipped_once_each()
    {
        var desks = new FeedbackDesks();
        var item = await desks.RoadmapDesk.CreateAsync(FeedbackDesks.Tenant, "payments", new RoadmapForm.Values("Webhooks", "", RoadmapStatus.Considering, ""), CoreApp.ProductManager, [], default);
        await desks.Roadmap.AddSupporterAsync(FeedbackDesks.Tenant, item.ItemId, SupportKind.Follow, new Supporter(Voter, VoterDm), default);
        async Task<RoadmapItem> MoveAsync(RoadmapStatus status) =>
            (await desks.RoadmapDesk.MoveAsync((await desks.Roadmap.GetAsync(FeedbackDesks.Tenant, item.ItemId, default))!, status, "", CoreApp.ProductManager, default)).Moved!;

        await MoveAsync(RoadmapStatus.Planned);
        var retargeted = await desks.Roadmap.UpdateAsync(FeedbackDesks.Tenant, item.ItemId, i => i with { Target = "2027-Q1" }, null, default);
        await desks.RoadmapDesk.TellNewTargetAsync(retargeted!, CoreApp.ProductManager, default);
        await desks.RoadmapDesk.TellNewTargetAsync(retargeted!, CoreApp.ProductManager, default);
        await MoveAsync(RoadmapStatus.InProgress);
        var shipped = await MoveAsync(RoadmapStatus.Shipped);
        await desks.RoadmapDesk.CloseLoopAsync(shipped, CoreApp.ProductManager, default);

        Assert.Equal(["Planned: Webhooks", "New target 2027-Q1: Webhooks", "Started: Webhooks", "Shipped: Webhooks"],
            desks.Messenger.Notified.Select(n => Assert.IsType<Reply.Card>(n.Reply).Summary));
    }
}
