using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Hosting;
using FeedbackBot.Messaging;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams;

/// <summary>
/// The members of a Teams channel: the connector's paged roster (<c>GET v3/conversations/{id}/pagedmembers</c>, every
/// page), called in a continued conversation from the channel's stored reference, so it goes to the service URL and
/// with the credentials every other proactive call uses. Needs the app installed in the team.
/// </summary>
public sealed class TeamsRoster(TeamsAdapter adapter, TeamsDelivery delivery, IOptions<TeamsOptions> options, ILogger<TeamsRoster> log) : IPlatformRoster
{
    /// <summary>The largest page Teams serves.</summary>
    private const int PageSize = 500;

    public Platform Platform => Platform.Teams;

    /// <summary>
    /// Each member keyed by their AAD object id (as every Teams turn keys a person), reached later from a copy of the
    /// channel's reference naming them: their Teams id (29:…) is what opens a personal chat, and only the roster knows it.
    /// A refusal (the app is not in the team: 403; the channel is gone: 404) keeps the members read so far and is
    /// logged, for the reasons <see cref="FeedbackBot.Slack.SlackRoster"/> gives.
    /// </summary>
    public async Task<IReadOnlyList<SurveyRecipient>> MembersAsync(ConversationHandle channel, CancellationToken cancellationToken)
    {
        var reference = TeamsReference.Copy(TeamsReference.Parse(channel.Reference));
        // A channel message's conversation id names its thread (…;messageid=…); the roster belongs to the channel.
        reference.Conversation.Id = TeamsReference.ChannelOf(reference.Conversation.Id);
        reference.ActivityId = null;
        var channelId = reference.Conversation.Id;

        var members = new Dictionary<string, SurveyRecipient>(StringComparer.OrdinalIgnoreCase);
        var pages = 0;
        string? token = null;
        try
        {
            do
            {
                var from = token;
                var page = await delivery.RunAsync("read the channel's members", channelId, () => adapter.InConversationAsync(options.Value.MicrosoftAppId, reference,
                    turn => TeamsInfo.GetPagedMembersAsync(turn, PageSize, from, cancellationToken), cancellationToken), cancellationToken);
                pages++;
                foreach (var member in page.Members ?? [])
                {
                    if (IsPerson(member, reference)) members.TryAdd(member.AadObjectId, Recipient(channel, reference, member));
                }
                token = page.ContinuationToken is { Length: > 0 } next && next != from ? next : null;
            } while (token is not null);
        }
        catch (Exception e) when (e is TeamsDeliveryException or ErrorResponseException or HttpRequestException)
        {
            log.LogWarning(e, "Could not read the members of Teams channel {Channel} after {Pages} page(s); the survey goes to the {Count} member(s) read so far. " +
                "The roster needs the app installed in the team.", channelId, pages, members.Count);
        }
        return members.Values.ToList();
    }

    /// <summary>People only: bots (28:…, the bot itself among them) have no AAD object id to key them by and no chat to open.</summary>
    private static bool IsPerson(TeamsChannelAccount member, ConversationReference channel) =>
        member is { Id.Length: > 0, AadObjectId.Length: > 0 }
        && !member.Id.StartsWith("28:", StringComparison.Ordinal)
        && !string.Equals(member.Id, channel.Bot?.Id, StringComparison.OrdinalIgnoreCase);

    private static SurveyRecipient Recipient(ConversationHandle channel, ConversationReference reference, TeamsChannelAccount member)
    {
        var seen = TeamsReference.Copy(reference);
        seen.User = new ChannelAccount(member.Id, member.Name, aadObjectId: member.AadObjectId);
        return new SurveyRecipient(new Person(Platform.Teams, member.AadObjectId, member.Name),
            channel with { Reference = TeamsReference.Serialize(seen) });
    }
}
