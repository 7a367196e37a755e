using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Triage;

/// <summary>The channel where an API's reports are triaged; <see cref="AllApis"/> covers every API without its own.</summary>
public sealed record TriageChannel(string TenantKey, string ApiId, ConversationHandle Channel, string SetBy, DateTimeOffset SetAt)
{
    public const string AllApis = "*";
}
