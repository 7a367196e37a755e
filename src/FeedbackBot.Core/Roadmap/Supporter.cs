using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Roadmap;

public enum SupportKind { Vote, Follow }

/// <summary>Someone who voted for or follows an item, and where they can be told when it ships.</summary>
public sealed record Supporter(Person Person, ConversationHandle SeenIn);
