using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Surveys;

/// <summary>The members of a channel, from the platform (Slack conversations.members, Teams roster).</summary>
public interface IChannelRoster
{
    Task<IReadOnlyList<SurveyRecipient>> MembersAsync(ConversationHandle channel, CancellationToken cancellationToken);
}
