using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Surveys;

/// <summary>A person a run is sent to, and where the bot saw them (to reach their personal chat).</summary>
public sealed record SurveyRecipient(Person Person, ConversationHandle SeenIn);
