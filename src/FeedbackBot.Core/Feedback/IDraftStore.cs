namespace FeedbackBot.Core.Feedback;

/// <summary>
/// A report waiting on one more answer from its reporter (its kind, or "+1 or file new?"). Kept in Table Storage,
/// not in the card: a Slack button carries at most 2,000 characters and the details may hold 4,000.
/// </summary>
public interface IDraftStore
{
    Task<string> SaveAsync(string tenantKey, string personKey, ReportDraft draft, CancellationToken cancellationToken);

    /// <summary>The draft, only for the person who wrote it.</summary>
    Task<ReportDraft?> GetAsync(string tenantKey, string personKey, string draftId, CancellationToken cancellationToken);

    Task DeleteAsync(string tenantKey, string personKey, string draftId, CancellationToken cancellationToken);
}
