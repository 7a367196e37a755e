using System.Threading.RateLimiting;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Hosting;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Messaging;

/// <summary>
/// One token bucket per platform tenant (Teams tenant, Slack workspace) chained with one per conversation: a send
/// waits for a token from both, so a fan-out of thousands never outruns the platform, and nothing sleeps blindly.
/// </summary>
public sealed class DeliveryRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<ConversationAddress> limiter;

    public DeliveryRateLimiter(IOptions<DeliveryOptions> options)
    {
        var o = options.Value;
        var tenants = PartitionedRateLimiter.Create<ConversationAddress, string>(address => address.Platform == Platform.Teams
            ? RateLimitPartition.GetTokenBucketLimiter($"teams|{address.TenantId}", _ => Bucket(o.TeamsPerSecond))
            : RateLimitPartition.GetTokenBucketLimiter($"slack|{address.TenantId}", _ => Bucket(o.SlackPerSecond)));
        var conversations = PartitionedRateLimiter.Create<ConversationAddress, string>(address => address.Platform == Platform.Teams
            ? RateLimitPartition.GetTokenBucketLimiter($"teams|{address.TenantId}|{address.ConversationId}", _ => Bucket(o.TeamsPerConversationPerSecond))
            : RateLimitPartition.GetTokenBucketLimiter($"slack|{address.TenantId}|{address.ConversationId}", _ => Bucket(o.SlackPerChannelPerSecond)));
        limiter = PartitionedRateLimiter.CreateChained(tenants, conversations);
    }

    /// <summary>Waits for the right to send one message into <paramref name="to"/>.</summary>
    public async Task<RateLimitLease> AcquireAsync(ConversationAddress to, CancellationToken cancellationToken)
    {
        var lease = await limiter.AcquireAsync(to, 1, cancellationToken);
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        throw new InvalidOperationException($"The {to.Platform} send queue is full; the message to {to.ConversationId} was not sent and will be retried.");
    }

    public void Dispose() => limiter.Dispose();

    /// <summary>Refilled ten times a second (so a rate is spread over the second), holding at most one second's worth.</summary>
    private static TokenBucketRateLimiterOptions Bucket(double perSecond) => new()
    {
        TokenLimit = Math.Max(1, (int)Math.Ceiling(perSecond)),
        TokensPerPeriod = Math.Max(1, (int)Math.Round(perSecond / 10)),
        ReplenishmentPeriod = perSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1 / perSecond),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };
}

/// <summary>The messenger for scheduled sends (digests, announcements): every message first takes a token from the limiter.</summary>
public sealed class RateLimitedMessenger(IMessenger inner, DeliveryRateLimiter limiter) : IMessenger
{
    public async Task<PostedMessage> PostAsync(ConversationHandle to, Reply reply, string? threadOf, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(to.Address, cancellationToken);
        return await inner.PostAsync(to, reply, threadOf, cancellationToken);
    }

    public async Task UpdateAsync(PostedMessage message, Reply.Card card, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(message.Conversation.Address, cancellationToken);
        await inner.UpdateAsync(message, card, cancellationToken);
    }

    public async Task<PostedMessage> NotifyAsync(Person person, ConversationHandle seenIn, Reply reply, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(seenIn.Address with { ConversationId = "personal|" + person.Key }, cancellationToken);
        return await inner.NotifyAsync(person, seenIn, reply, cancellationToken);
    }
}
