using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Digests;

public enum DigestOutcome { Posted, AlreadyDelivered, NothingToPost, NoSubscription, Inactive, MarkedInactive }

/// <summary>
/// Posts one channel's digest for one week, at most once: the delivery is claimed in the log before the send, so a
/// retry, a second run or a second instance finds the claim and skips. A temporary failure releases the claim and
/// throws (the job retries this channel only); a destination that is gone marks the subscription inactive.
/// </summary>
public sealed class DigestDelivery(ISubscriptionStore subscriptions, IDigestComposer composer, IDeliveryLog deliveries, IDeliveryFailures failures)
{
    public async Task<DigestOutcome> DeliverAsync(string tenantKey, string channelId, DigestPeriod period, IMessenger messenger, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.GetAsync(tenantKey, channelId, cancellationToken);
        if (subscription is null) return DigestOutcome.NoSubscription;
        if (!subscription.Active) return DigestOutcome.Inactive;

        // Composed before the claim: composing only reads, and a quiet week must not leave a claim behind.
        var card = await composer.ComposeAsync(subscription, period, cancellationToken);
        if (card is null) return DigestOutcome.NothingToPost;

        var delivery = DigestChannels.Delivery(period);
        var destination = DigestChannels.Destination(subscription);
        if (!await deliveries.TryStartAsync(delivery, destination, cancellationToken)) return DigestOutcome.AlreadyDelivered;

        PostedMessage posted;
        try
        {
            posted = await messenger.PostAsync(subscription.Channel, card, null, cancellationToken);
        }
        catch (Exception e) when (failures.PermanentReason(e) is { } reason)
        {
            await subscriptions.MarkInactiveAsync(tenantKey, channelId, reason, CancellationToken.None);
            await deliveries.CompleteAsync(delivery, destination, "inactive", CancellationToken.None);
            return DigestOutcome.MarkedInactive;
        }
        catch
        {
            await deliveries.ReleaseAsync(delivery, destination, CancellationToken.None);
            throw;
        }
        await deliveries.CompleteAsync(delivery, destination, posted.MessageId, CancellationToken.None);
        return DigestOutcome.Posted;
    }
}
