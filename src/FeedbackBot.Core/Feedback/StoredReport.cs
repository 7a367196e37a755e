namespace FeedbackBot.Core.Feedback;

/// <summary>A report with the version stamp its store gave it, for ETag concurrency.</summary>
public sealed record StoredReport(FeedbackReport Report, string ETag);
