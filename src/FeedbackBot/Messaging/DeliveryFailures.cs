using FeedbackBot.Core.Digests;
using FeedbackBot.Slack;
using FeedbackBot.Teams;

namespace FeedbackBot.Messaging;

/// <summary>
/// Which failed sends mean the destination is gone: Teams 403/404 (the adapter's <see cref="TeamsDeliveryException"/>)
/// and Slack's answers for a channel the bot can no longer post in or a person it cannot message. Everything else
/// (429, 5xx, timeouts) may pass.
/// </summary>
public sealed class DeliveryFailures : IDeliveryFailures
{
    private static readonly Dictionary<string, string> SlackGone = new(StringComparer.Ordinal)
    {
        ["channel_not_found"] = "the channel was not found (deleted, or private and the bot is not in it)",
        ["is_archived"] = "the channel is archived",
        ["not_in_channel"] = "the bot is not a member of the channel (invite it with /invite)",
        ["account_inactive"] = "the bot's token was revoked or the app was uninstalled from the workspace",
        // Direct messages (conversations.open) to someone who cannot get one.
        ["cannot_dm_bot"] = "the recipient is a bot",
        ["user_not_found"] = "the user was not found",
        ["user_disabled"] = "the user's account is deactivated",
        ["user_not_visible"] = "the user is not visible to the bot",
    };

    public string? PermanentReason(Exception failure) => failure switch
    {
        TeamsDeliveryException teams => teams.Message,
        SlackApiException slack when SlackGone.TryGetValue(slack.Error, out var why) => $"Slack refused to post: {why} ({slack.Error}).",
        _ => null,
    };
}
