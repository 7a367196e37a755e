using System.Globalization;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Digests;

/// <summary>Draws one subscription's digest for a period; null when its APIs had no activity.</summary>
public interface IDigestComposer
{
    Task<Reply.Card?> ComposeAsync(DigestSubscription subscription, DigestPeriod period, CancellationToken cancellationToken);
}
