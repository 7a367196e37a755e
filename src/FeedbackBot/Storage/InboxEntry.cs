using Azure;
using FeedbackBot.Slack;

namespace FeedbackBot.Storage;

public enum InboxStatus { Pending, Processing, Done, Failed }

/// <summary>One accepted Slack request as stored: its raw body, and the ETag that claims it.</summary>
public sealed record InboxEntry(SlackRequestKind Kind, string TeamId, string RequestId, string Body, InboxStatus Status, ETag ETag)
{
    public string PartitionKey => SlackInbox.ShardOf(RequestId);

    public string RowKey => SlackInbox.RowKeyOf(TeamId, RequestId);
}
