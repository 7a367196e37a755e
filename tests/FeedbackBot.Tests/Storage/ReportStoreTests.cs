using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Triage;
using FeedbackBot.Hosting;
using FeedbackBot.Storage;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Tests.Storage;

/// <summary>The feedback stores against real Azurite.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ReportStoreTests
{
    private static readonly Person Reporter = new(Platform.Slack, "UREP", "Rita");
    private static readonly ConversationHandle Dm = new(new ConversationAddress(Platform.Slack, "T1", "D1", ConversationKind.Personal), "D1");

    private static Tables NewTables() => new(new TableServiceClient(Azurite.ConnectionString),
        Options.Create(new StorageOptions { TablePrefix = "r" + Guid.NewGuid().ToString("N")[..12] }));

    private static FeedbackReport Report(string shortId, string apiId = "payments", ReportStatus status = ReportStatus.New, Person? reporter = null) =>
        new("slack:T1", shortId, apiId, FeedbackKind.Bug, "Pagination skips page 2", "Details\nwith lines", BugImpact.Degraded, "req-1", "GET /v2/payments",
            "", reporter ?? Reporter, Dm, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), status, Priority.None, "", "", 0,
            TriageCard: null, History: [new ReportEvent(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), "Rita", "Reported")]);

    [Fact]
    public async Task Short_ids_stay_unique_when_many_are_taken_at_once()
    {
        var tables = NewTables();
        var stores = Enumerable.Range(0, 4).Select(_ => new ReportStore(tables, new Counters(tables))).ToList();

        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => stores[i % 4].NextShortIdAsync("slack:T1", default)));

        Assert.Equal(20, ids.Distinct().Count());
        Assert.Contains("FB-1001", ids);
        Assert.Equal("FB-1001", await new ReportStore(tables, new Counters(tables)).NextShortIdAsync("teams:other", default));
    }

    [Fact]
    public async Task A_report_round_trips_and_is_found_by_id_by_api_and_by_reporter()
    {
        var tables = NewTables();
        var store = new ReportStore(tables, new Counters(tables));
        var report = Report("FB-1001") with
        {
            TriageCard = new PostedMessage(new ConversationHandle(new ConversationAddress(Platform.Slack, "T1", "C9", ConversationKind.Channel), "C9"), "1700000000.000100"),
            Decision = null,
        };
        await store.AddAsync(report, default);
        await store.AddAsync(Report("FB-1002", apiId: "orders", status: ReportStatus.NeedsInfo), default);
        await store.AddAsync(Report("FB-1003", status: ReportStatus.Accepted, reporter: new Person(Platform.Slack, "UOTHER")), default);

        var byId = (await store.GetAsync("slack:T1", "FB-1001", default))!.Report;
        var open = await store.ListOpenAsync("slack:T1", "payments", default);
        var mine = await store.ListByReporterAsync("slack:T1", Reporter.Key, default);

        Assert.Equal(report.TriageCard, byId.TriageCard);
        Assert.Equal(report.History, byId.History);
        Assert.Equal(report with { History = byId.History }, byId);
        Assert.Equal(["FB-1001"], open.Select(r => r.ShortId));
        Assert.Equal(["FB-1001", "FB-1002"], mine.Select(r => r.ShortId).Order());
        Assert.Null(await store.GetAsync("slack:T2", "FB-1001", default));
    }

    [Fact]
    public async Task Two_decisions_on_the_same_version_leave_exactly_one()
    {
        var tables = NewTables();
        var store = new ReportStore(tables, new Counters(tables));
        await store.AddAsync(Report("FB-1001"), default);
        var read = (await store.GetAsync("slack:T1", "FB-1001", default))!;

        var results = (await Task.WhenAll(
            store.UpdateAsync("slack:T1", "FB-1001", report => report with { Status = ReportStatus.Accepted }, read.ETag, default),
            store.UpdateAsync("slack:T1", "FB-1001", report => report with { Status = ReportStatus.Declined }, read.ETag, default)))
            .Select(written => written is not null).ToArray();

        Assert.Single(results, true);
        var winner = results[0] ? ReportStatus.Accepted : ReportStatus.Declined;
        Assert.Equal(winner, (await store.GetAsync("slack:T1", "FB-1001", default))!.Report.Status);
    }

    private static readonly Supporter Voter = new(new Person(Platform.Slack, "UV", "Vera"),
        new ConversationHandle(new ConversationAddress(Platform.Slack, "T1", "DUV", ConversationKind.Personal), "DUV"));

    [Fact]
    public async Task A_vote_counts_once_per_person_and_a_deleted_report_is_gone_everywhere()
    {
        var tables = NewTables();
        var store = new ReportStore(tables, new Counters(tables));
        await store.AddAsync(Report("FB-1001"), default);

        var votes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => store.AddVoteAsync("slack:T1", "FB-1001", Voter, "me too", default)));
        await store.AddFollowerAsync("slack:T1", "FB-1001", Voter, default);
        var followersBefore = await store.ListFollowersAsync("slack:T1", "FB-1001", default);
        var followedBefore = await store.ListFollowedAsync("slack:T1", "slack:UV", default);
        await store.DeleteAsync("slack:T1", "FB-1001", default);

        Assert.Single(votes, true);
        Assert.Equal("UV", Assert.Single(followersBefore).Person.Id);
        Assert.Equal("FB-1001", Assert.Single(followedBefore).ShortId);
        Assert.Null(await store.GetAsync("slack:T1", "FB-1001", default));
        Assert.Empty(await store.ListByReporterAsync("slack:T1", Reporter.Key, default));
    }

    [Fact]
    public async Task Triage_routes_prefer_the_api_own_channel_and_list_their_tenants()
    {
        var routes = new TriageChannelStore(NewTables());
        var all = new ConversationHandle(new ConversationAddress(Platform.Slack, "T1", "CALL", ConversationKind.Channel), "CALL");
        var own = new ConversationHandle(new ConversationAddress(Platform.Slack, "T1", "CPAY", ConversationKind.Channel), "CPAY");
        await routes.SetAsync(new TriageChannel("slack:T1", TriageChannel.AllApis, all, "slack:UPM1", DateTimeOffset.UnixEpoch), default);
        await routes.SetAsync(new TriageChannel("slack:T1", "payments", own, "slack:UPM1", DateTimeOffset.UnixEpoch), default);

        Assert.Equal(own, (await routes.FindAsync("slack:T1", "payments", default))!.Channel);
        Assert.Equal(all, (await routes.FindAsync("slack:T1", "orders", default))!.Channel);
        Assert.Null(await routes.FindAsync("slack:T2", "payments", default));
        Assert.Equal(["slack:T1"], await routes.TenantsAsync(default));
    }

    [Fact]
    public async Task A_delivery_is_claimed_once_and_a_released_one_can_be_claimed_again()
    {
        var log = new DeliveryLog(NewTables(), TimeProvider.System);

        var first = await log.TryStartAsync("run-1", "C1", default);
        var second = await log.TryStartAsync("run-1", "C1", default);
        await log.ReleaseAsync("run-1", "C1", default);
        var afterRelease = await log.TryStartAsync("run-1", "C1", default);

        Assert.Equal((true, false, true), (first, second, afterRelease));
    }
}
