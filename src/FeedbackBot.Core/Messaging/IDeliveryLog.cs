namespace FeedbackBot.Core.Messaging;

/// <summary>
/// Which scheduled message went where, so a retry, a restart or a second instance never posts it twice.
/// <see cref="TryStartAsync"/> claims (delivery, destination) before sending; a failed send is released for the retry.
/// </summary>
public interface IDeliveryLog
{
    Task<bool> TryStartAsync(string delivery, string destination, CancellationToken cancellationToken);

    Task CompleteAsync(string delivery, string destination, string messageId, CancellationToken cancellationToken);

    Task ReleaseAsync(string delivery, string destination, CancellationToken cancellationToken);
}
