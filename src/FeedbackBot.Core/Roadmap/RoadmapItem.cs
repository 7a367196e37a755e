using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Roadmap;

public enum RoadmapStatus { Considering, Planned, InProgress, Shipped, Dropped }

/// <summary>
/// One item of an API's published road map: the story of what changes for consumers, where it stands, when it is
/// expected (<see cref="Target"/>: a quarter like 2027-Q1 or a month like 2027-03), and the reports it answers.
/// </summary>
public sealed record RoadmapItem(
    string TenantKey,
    string ApiId,
    string ItemId,
    string Title,
    string Description,
    RoadmapStatus Status,
    string Target,
    IReadOnlyList<string> LinkedReports,
    int Votes,
    int Followers,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusChangedAt,
    string Note,
    IReadOnlyList<ReportEvent> History)
{
    public bool IsOpen => Status is RoadmapStatus.Considering or RoadmapStatus.Planned or RoadmapStatus.InProgress;

    public RoadmapItem With(ReportEvent happened) => this with { History = EventHistory.Append(History, happened) };
}
