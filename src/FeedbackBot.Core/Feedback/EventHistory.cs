namespace FeedbackBot.Core.Feedback;

/// <summary>
/// The history kept on a report or a road map item: the latest events only, older ones dropped first, so the row
/// stays inside Table Storage's 32K characters a property.
/// </summary>
public static class EventHistory
{
    public const int MaxEvents = 20;

    public static IReadOnlyList<ReportEvent> Append(IReadOnlyList<ReportEvent> history, ReportEvent happened) =>
        history.Append(happened).TakeLast(MaxEvents).ToList();
}
