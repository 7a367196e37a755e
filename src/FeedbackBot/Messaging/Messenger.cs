using System.Diagnostics;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Hosting;

namespace FeedbackBot.Messaging;

/// <summary>One platform's way to post, update and notify outside a turn (Teams: proactive messages; Slack: Web API).</summary>
public interface IPlatformMessenger
{
    Platform Platform { get; }

    Task<PostedMessage> PostAsync(ConversationHandle to, Reply reply, string? threadOf, CancellationToken cancellationToken);

    Task UpdateAsync(PostedMessage message, Reply.Card card, CancellationToken cancellationToken);

    Task<PostedMessage> NotifyAsync(Person person, ConversationHandle seenIn, Reply reply, CancellationToken cancellationToken);
}

/// <summary>The core's messenger: sends each message through the platform its conversation lives on.</summary>
public sealed class Messenger(IEnumerable<IPlatformMessenger> platforms, IDeliveryFailures failures) : IMessenger
{
    private readonly Dictionary<Platform, IPlatformMessenger> platforms = platforms.ToDictionary(p => p.Platform);

    public Task<PostedMessage> PostAsync(ConversationHandle to, Reply reply, string? threadOf, CancellationToken cancellationToken) =>
        CountedAsync(to.Address.Platform, "post", () => For(to.Address.Platform).PostAsync(to, reply, threadOf, cancellationToken));

    public Task UpdateAsync(PostedMessage message, Reply.Card card, CancellationToken cancellationToken) =>
        CountedAsync(message.Conversation.Address.Platform, "update", async () =>
        {
            await For(message.Conversation.Address.Platform).UpdateAsync(message, card, cancellationToken);
            return true;
        });

    public Task<PostedMessage> NotifyAsync(Person person, ConversationHandle seenIn, Reply reply, CancellationToken cancellationToken) =>
        CountedAsync(seenIn.Address.Platform, "notify", () => For(seenIn.Address.Platform).NotifyAsync(person, seenIn, reply, cancellationToken));

    /// <summary>Counts each send by platform and outcome: sent, gone (the destination will never take it), failed.</summary>
    private async Task<T> CountedAsync<T>(Platform platform, string kind, Func<Task<T>> send)
    {
        var outcome = "sent";
        try
        {
            return await send();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcome = failures.PermanentReason(e) is null ? "failed" : "gone";
            throw;
        }
        finally
        {
            BotTelemetry.Deliveries.Add(1, new TagList { { "platform", platform.ToString() }, { "kind", kind }, { "outcome", outcome } });
        }
    }

    private IPlatformMessenger For(Platform platform) =>
        platforms.TryGetValue(platform, out var messenger)
            ? messenger
            : throw new InvalidOperationException($"{platform} is not configured on this instance, so nothing can be sent there.");
}
