using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Messaging;

/// <summary>
/// The delivery log as the usage digest uses it: its claims are named <c>usage-…</c>, so a channel that gets both
/// digests in the same week holds two claims, never one that blocks the other.
/// </summary>
public sealed class UsageDeliveryLog(IDeliveryLog log) : IDeliveryLog
{
    public Task<bool> TryStartAsync(string delivery, string destination, CancellationToken cancellationToken) =>
        log.TryStartAsync("usage-" + delivery, destination, cancellationToken);

    public Task CompleteAsync(string delivery, string destination, string messageId, CancellationToken cancellationToken) =>
        log.CompleteAsync("usage-" + delivery, destination, messageId, cancellationToken);

    public Task ReleaseAsync(string delivery, string destination, CancellationToken cancellationToken) =>
        log.ReleaseAsync("usage-" + delivery, destination, cancellationToken);
}
