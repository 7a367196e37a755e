using Azure;
using FeedbackBot.Slack;

namespace FeedbackBot.Storage;

public enum InboxStatus { Pending, Processing, Done, Failed }

/// <summary>One accepted Slack request as stored: its raw body, and the ETag that claims it.</summary>
public sealed record InboxEntry(SlackRequestKind Kind, string TeamId, string RequestId, string Body, InboxStatus Status, ETag ETag)
{
    /// <summary>The W3C trace context of the request that stored it, so the worker's span continues that request's trace.</summary>
    public string? TraceParent { get; init; }

    public string PartitionKey => SlackInbox.ShardOf(RequestId);

    public string RowKey => SlackInbox.RowKeyOf(TeamId, RequestId);
}
