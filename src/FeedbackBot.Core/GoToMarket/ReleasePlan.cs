using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.GoToMarket;

public enum StepState { Open, Done, Skipped }

/// <summary>A step of one release's plan: who owns it (and where the bot can reach them), when it is due, how it ended.</summary>
public sealed record PlanStep(
    string Id, string Title, bool Required, Person Owner, ConversationHandle OwnerSeenIn, DateOnly Due,
    StepState State = StepState.Open, string Link = "", string Reason = "", string ClosedBy = "", DateTimeOffset? ClosedAt = null)
{
    public bool IsOpen => State == StepState.Open;

    public bool IsOverdue(DateOnly today) => IsOpen && Due < today;
}

/// <summary>What Publish sent: when, by whom, to how many channels, and how many people heard about shipped items.</summary>
public sealed record PlanPublication(DateTimeOffset At, string By, int Channels, int PeopleTold, IReadOnlyList<string> OpenRequired);

/// <summary>
/// The go-to-market plan of one release (<c>release &lt;api&gt; &lt;version&gt;</c>): its target date, the road map items it
/// ships, its checklist, where its readiness card is posted, and what Publish sent.
/// </summary>
public sealed record ReleasePlan(
    string TenantKey, string ApiId, string Version, DateOnly Target, IReadOnlyList<string> Shipped, IReadOnlyList<PlanStep> Steps,
    Person StartedBy, ConversationHandle StartedIn, DateTimeOffset CreatedAt, PostedMessage? Card = null, PlanPublication? Published = null)
{
    public string Key => Keys(ApiId, Version);

    public static string Keys(string apiId, string version) => $"{apiId}|{version}";

    public IReadOnlyList<PlanStep> OpenRequired() => Steps.Where(s => s.Required && s.IsOpen).ToList();

    public PlanStep? Step(string id) => Steps.FirstOrDefault(s => s.Id == id);

    public ReleasePlan WithStep(PlanStep step) => this with { Steps = Steps.Select(s => s.Id == step.Id ? step : s).ToList() };
}
