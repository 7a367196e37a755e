using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Digests;

/// <summary>How a send failed, as the platform adapters know it.</summary>
public interface IDeliveryFailures
{
    /// <summary>Why the destination is gone for good (bot removed, channel archived or deleted), or null when a retry may work.</summary>
    string? PermanentReason(Exception failure);
}
