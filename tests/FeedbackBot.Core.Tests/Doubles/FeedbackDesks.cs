using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Triage;
using FeedbackBot.Core.Usage;

namespace FeedbackBot.Core.Tests.Doubles;

/// <summary>Feedback, triage and the road map wired by hand over in-memory stores, the catalog seeded with <see cref="CoreApp.Payments"/>.</summary>
public sealed class FeedbackDesks
{
    public const string Tenant = "slack:T1";

    public static readonly Person Reporter = new(Platform.Slack, "UREPORTER", "Rita Reporter");
    public static readonly ConversationHandle ReporterDm = new(new ConversationAddress(Platform.Slack, "T1", "DREPORTER", ConversationKind.Personal), "DREPORTER");
    public static readonly ConversationHandle TriageRoom = new(new ConversationAddress(Platform.Slack, "T1", "CTRIAGE", ConversationKind.Channel), "CTRIAGE");

    public FeedbackDesks()
    {
        Cards = CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards"));
        Catalog = new ApiCatalog(new MemoryCatalogStore(), [CoreApp.Payments]);
        Access = new ApiAccess(new RoleDirectory([CoreApp.ProductManager.Key]), Catalog);
        Desk = new FeedbackDesk(Reports, new SimilarReports(Reports), Roadmap, TriageChannels, Messenger, Deliveries, FlowState, Catalog, new ReportCards(Cards, Time),
            new ReporterUsage(new MemoryUsageLinks(), new NoUsageRollups(), Time), Time);
        RoadmapDesk = new RoadmapDesk(Roadmap, Reports, Messenger, Deliveries, Catalog, new RoadmapCards(Cards), Time);
        Triage = new TriageDecisionHandler(Reports, Desk, RoadmapDesk, Access, Messenger, Time);
    }

    public MemoryReportStore Reports { get; } = new();
    public MemoryRoadmapStore Roadmap { get; } = new();
    public MemoryTriageChannelStore TriageChannels { get; } = new();
    public MemoryFlowStateStore FlowState { get; } = new();
    public MemoryDeliveryLog Deliveries { get; } = new();
    public RecordingMessenger Messenger { get; } = new();
    public ManualTime Time { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    public CardTemplates Cards { get; }
    public ApiCatalog Catalog { get; }
    public ApiAccess Access { get; }
    public FeedbackDesk Desk { get; }
    public RoadmapDesk RoadmapDesk { get; }
    public TriageDecisionHandler Triage { get; }

    /// <summary>Files a report the way <c>report</c> does, from <see cref="Reporter"/>'s personal chat.</summary>
    public async Task<FeedbackReport> FileAsync(string title = "Pagination skips page 2", FeedbackKind kind = FeedbackKind.Bug)
    {
        var turn = new Turn(ReporterDm.Address, Reporter, TurnSource.Message, Text: "report", Reference: ReporterDm.Reference);
        var draft = new ReportDraft(CoreApp.Payments.Id, kind, title, "Page 2 never comes back.", kind == FeedbackKind.Bug ? BugImpact.Degraded : BugImpact.None, "", "", "");
        await Desk.FileAsync(turn, draft, CancellationToken.None);
        return (await Reports.ListByReporterAsync(Tenant, Reporter.Key, CancellationToken.None)).OrderBy(r => r.CreatedAt).ThenBy(r => r.ShortId).Last();
    }

    /// <summary>A click on a triage card button in the triage channel.</summary>
    public Task<IReadOnlyList<Reply>> ClickAsync(string verb, Person by, string shortId, params (string Name, string Value)[] inputs)
    {
        var data = new System.Text.Json.Nodes.JsonObject { ["shortId"] = shortId };
        foreach (var (name, value) in inputs) data[name] = value;
        var turn = new Turn(TriageRoom.Address, by, TurnSource.CardButton, Action: new CardAction(verb, data), Reference: TriageRoom.Reference);
        return Triage.HandleAsync(turn, "", CancellationToken.None);
    }

    public async Task<FeedbackReport> ReportAsync(string shortId) => (await Reports.GetAsync(Tenant, shortId, CancellationToken.None))!.Report;
}
