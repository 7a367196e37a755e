namespace FeedbackBot.Core.Feedback;

/// <summary>What the similarity check reads of a recently filed report: its id and its words (open or not when kept).</summary>
public sealed record RecentReport(string ShortId, string Title, string Details);
