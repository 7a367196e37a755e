using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Tests.Doubles;

namespace FeedbackBot.Core.Tests.Digests;

public sealed class WeeklyDigestComposerTests
{
    // Tuesday 24 Nov 2026: the digest covers Monday 16 to Sunday 22 November (2026-W47).
    private static readonly DigestPeriod Week = DigestPeriod.LastWeek(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);
    private static readonly DateTimeOffset InWeek = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BeforeWeek = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly FeedbackDesks desks = new();

    private WeeklyDigestComposer Composer(bool postWhenQuiet = false) =>
        new(desks.Roadmap, desks.Reports, desks.Catalog, desks.Cards, new DigestSettings("0 9 * * 1", TimeZoneInfo.Utc, postWhenQuiet));

    private static DigestSubscription Channel(params string[] apiIds) => new(FeedbackDesks.Tenant, FeedbackDesks.TriageRoom, apiIds, "slack:UPM1", BeforeWeek);

    private async Task ItemAsync(string id, RoadmapStatus status, DateTimeOffset changedAt, int votes = 0, string target = "", string note = "") =>
        await desks.Roadmap.AddAsync(new RoadmapItem(FeedbackDesks.Tenant, "payments", id, $"Item {id}", "", status, target, [], votes, 0, BeforeWeek, changedAt, note, []), default);

    [Fact]
    public async Task The_week_lists_what_shipped_and_moved_in_it_what_is_next_and_the_most_voted()
    {
        await ItemAsync("RM-101", RoadmapStatus.Shipped, InWeek, note: "Out in 2.4");
        await ItemAsync("RM-102", RoadmapStatus.InProgress, InWeek, votes: 2, target: "2027-Q1");
        await ItemAsync("RM-103", RoadmapStatus.Planned, BeforeWeek, votes: 5, target: "2026-12");
        await ItemAsync("RM-104", RoadmapStatus.Shipped, BeforeWeek);
        await ItemAsync("RM-105", RoadmapStatus.Considering, BeforeWeek, votes: 1);

        var week = await Composer().WeekAsync(FeedbackDesks.Tenant, "payments", "Payments API", Week, default);

        Assert.Equal(["RM-101"], week.Shipped.Select(i => i.ItemId));
        Assert.Equal(["RM-102"], week.Moved.Select(i => i.ItemId));
        Assert.Equal(["RM-103", "RM-102"], week.Next.Select(i => i.ItemId));
        Assert.Equal(["RM-103", "RM-102", "RM-105"], week.MostVoted.Select(i => i.ItemId));
    }

    [Fact]
    public async Task Only_reports_made_inside_the_week_count()
    {
        desks.Time.Now = BeforeWeek;
        await desks.FileAsync("Old news");
        desks.Time.Now = InWeek;
        await desks.FileAsync("Timeouts on refunds");
        desks.Time.Now = Week.End;
        await desks.FileAsync("Next week's problem");

        var card = await Composer().ComposeAsync(Channel("payments"), Week, default);

        Assert.NotNull(card);
        Assert.Equal("Road map digest 2026-W47: 0 shipped, 0 moved, 1 reports", card.Summary);
    }

    [Fact]
    public async Task A_quiet_week_gets_no_card_unless_the_settings_ask_for_one()
    {
        await ItemAsync("RM-101", RoadmapStatus.Planned, BeforeWeek, votes: 3);

        Assert.Null(await Composer().ComposeAsync(Channel(DigestSubscription.AllApis), Week, default));
        var quiet = await Composer(postWhenQuiet: true).ComposeAsync(Channel(DigestSubscription.AllApis), Week, default);
        Assert.Equal("Road map digest 2026-W47: a quiet week", quiet?.Summary);
    }

    [Fact]
    public async Task A_channel_reads_only_the_apis_it_subscribed_to()
    {
        await ItemAsync("RM-101", RoadmapStatus.Shipped, InWeek);

        Assert.Null(await Composer().ComposeAsync(Channel("orders"), Week, default));
        var card = await Composer().ComposeAsync(Channel("payments"), Week, default);
        Assert.Equal("Road map digest 2026-W47: 1 shipped, 0 moved, 0 reports", card?.Summary);
        Assert.Contains("Payments API", card!.Content.ToJsonString());
        Assert.Contains("Item RM-101", card.Content.ToJsonString());
    }
}
