using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Roadmap;

public sealed record StoredRoadmapItem(RoadmapItem Item, string ETag);
