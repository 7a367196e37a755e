using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Messaging;

namespace FeedbackBot.Slack;

/// <summary>
/// The members of a Slack channel (<c>conversations.members</c>, every page), without the bot's own user
/// (<c>auth.test</c>): a DM from the bot to itself is the one mistake a survey run must never make.
/// </summary>
public sealed class SlackRoster(IHttpClientFactory clients, ILogger<SlackRoster> log) : IPlatformRoster
{
    /// <summary>Slack's advice for conversations.members is at most 200 per page.</summary>
    private const int PageSize = 200;

    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["channel_not_found"] = "the channel was deleted, or it is private and the bot is not in it (invite it with /invite @FeedbackBot)",
        ["missing_scope"] = "the app lacks channels:read, groups:read, mpim:read or im:read: add them in the app's OAuth & Permissions and reinstall it",
        ["not_authed"] = "Slack:BotToken is empty or wrong",
        ["invalid_auth"] = "Slack:BotToken is empty or wrong",
        ["account_inactive"] = "the bot's token was revoked or the app was uninstalled from the workspace",
        ["method_not_supported_for_channel_type"] = "this kind of conversation has no member list",
    };

    public Platform Platform => Platform.Slack;

    /// <summary>
    /// A refusal does not throw: the run is already claimed when the roster is read, so an exception would leave it
    /// with nobody and answer the PM's command with a generic error. A PM expects the people the bot could find to be
    /// asked now, so a refusal on a later page keeps the members read so far (one on the first page gives no one); the
    /// warning names Slack's reason and the fix, and the results' "N recipients" says how many were really asked.
    /// </summary>
    public async Task<IReadOnlyList<SurveyRecipient>> MembersAsync(ConversationHandle channel, CancellationToken cancellationToken)
    {
        var slack = new SlackApiClient(clients.CreateClient(nameof(SlackApiClient)));
        var channelId = channel.Reference.Length > 0 ? channel.Reference : channel.Address.ConversationId;
        var members = new List<SurveyRecipient>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pages = 0;
        try
        {
            var bot = await slack.BotUserIdAsync(cancellationToken);
            var cursor = "";
            do
            {
                var page = await slack.ConversationMembersAsync(channelId, cursor, PageSize, cancellationToken);
                pages++;
                // Other bots in the channel cannot be told apart without a users.info call per member; Slack refuses
                // to open a DM with them (cannot_dm_bot), so at worst their delivery fails alone.
                foreach (var user in page.Members.Where(user => user != bot && seen.Add(user)))
                    members.Add(new SurveyRecipient(new Person(Platform.Slack, user), channel));
                cursor = page.NextCursor;
            } while (cursor.Length > 0);
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException)
        {
            var error = e is SlackApiException slackError ? slackError.Error : e.Message;
            log.LogWarning("Could not read the members of Slack channel {Channel} after {Pages} page(s) ({Error}: {Hint}); the survey goes to the {Count} member(s) read so far",
                channelId, pages, error, Hints.GetValueOrDefault(error, "see the Slack API documentation for this error"), members.Count);
        }
        return members;
    }
}
