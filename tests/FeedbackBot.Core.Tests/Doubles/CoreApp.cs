using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Tests.Doubles;

/// <summary>The core wired by hand: real handlers, cards and router over in-memory stores.</summary>
public sealed class CoreApp : IServiceProvider
{
    public static readonly ApiEntry Payments = new("payments", "Payments API", "Take card payments with one call.", "Checkout teams",
        "One contract instead of one integration per provider.", ApiLifecycle.GA, "2.3", "https://developer.example.com/payments", ["slack:UOWNER"]);

    public static readonly Person ProductManager = new(Platform.Slack, "UPM1");
    public static readonly Person Owner = new(Platform.Slack, "UOWNER");
    public static readonly Person Consumer = new(Platform.Slack, "UCONSUMER");
    public static readonly ConversationAddress Dm = new(Platform.Slack, "T1", "D1", ConversationKind.Personal);

    private readonly Dictionary<Type, object> services = [];

    public CoreApp(IReadOnlyList<ApiEntry>? seed = null)
    {
        Cards = CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards"));
        Catalog = new ApiCatalog(Store, seed ?? [Payments]);
        var roles = new RoleDirectory([ProductManager.Key]);
        var apis = new ApiResolver(Catalog);
        services[typeof(HelpHandler)] = new HelpHandler(ConversationRoutes.Commands, new ApiAccess(roles, Catalog), Cards);
        services[typeof(ListApisHandler)] = new ListApisHandler(Catalog, roles, Cards);
        services[typeof(AboutApiHandler)] = new AboutApiHandler(apis, roles, Cards);
        services[typeof(OpenApiFormHandler)] = new OpenApiFormHandler(apis, roles, Cards);
        services[typeof(SaveApiHandler)] = new SaveApiHandler(Catalog, roles, Cards);
        Router = new TurnRouter(this, ConversationRoutes.Commands, ConversationRoutes.Actions, FlowState, Time);
    }

    public MemoryCatalogStore Store { get; } = new();
    public MemoryFlowStateStore FlowState { get; } = new();
    public ManualTime Time { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    public CardTemplates Cards { get; }
    public ApiCatalog Catalog { get; }
    public TurnRouter Router { get; }

    public object? GetService(Type serviceType) => services.GetValueOrDefault(serviceType);

    public Task<IReadOnlyList<Reply>> SayAsync(string text, Person? user = null) =>
        Router.RouteAsync(new Turn(Dm, user ?? Consumer, TurnSource.Message, Text: text), CancellationToken.None);

    public Task<IReadOnlyList<Reply>> ClickAsync(string verb, System.Text.Json.Nodes.JsonObject data, Person? user = null) =>
        Router.RouteAsync(new Turn(Dm, user ?? Consumer, TurnSource.FormSubmission, Action: new CardAction(verb, data)), CancellationToken.None);
}
