using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Surveys;

namespace FeedbackBot.Messaging;

/// <summary>One platform's member list of a channel (Teams: the roster; Slack: conversations.members), people only.</summary>
public interface IPlatformRoster
{
    Platform Platform { get; }

    /// <summary>
    /// Each member once, without the bot, with a handle the platform's messenger can reach them from personally.
    /// A platform refusal is logged and gives the members read so far, never an exception.
    /// </summary>
    Task<IReadOnlyList<SurveyRecipient>> MembersAsync(ConversationHandle channel, CancellationToken cancellationToken);
}

/// <summary>The core's roster: asks the platform the channel lives on.</summary>
public sealed class ChannelRoster(IEnumerable<IPlatformRoster> platforms, ILogger<ChannelRoster> log) : IChannelRoster
{
    private readonly Dictionary<Platform, IPlatformRoster> platforms = platforms.ToDictionary(p => p.Platform);

    public async Task<IReadOnlyList<SurveyRecipient>> MembersAsync(ConversationHandle channel, CancellationToken cancellationToken)
    {
        if (platforms.TryGetValue(channel.Address.Platform, out var roster)) return await roster.MembersAsync(channel, cancellationToken);
        log.LogWarning("{Platform} is not configured on this instance, so the members of {Channel} cannot be listed", channel.Address.Platform, channel.Address.ConversationId);
        return [];
    }
}
