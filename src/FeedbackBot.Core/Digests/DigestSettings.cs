using System.Globalization;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Digests;

/// <summary>When the digest is posted (<paramref name="Cron"/> in <paramref name="Zone"/>) and whether a quiet week still gets a card.</summary>
public sealed record DigestSettings(string Cron, TimeZoneInfo Zone, bool PostWhenQuiet)
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>"every Monday at 09:00 (UTC)" for the usual weekly cron; the cron itself otherwise.</summary>
    public string Schedule
    {
        get
        {
            var fields = Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var zone = Zone.Id;
            if (fields.Length == 5 && fields[2] == "*" && fields[3] == "*"
                && int.TryParse(fields[0], out var minute) && int.TryParse(fields[1], out var hour) && int.TryParse(fields[4], out var day) && day is >= 0 and <= 7)
                return string.Create(CultureInfo.InvariantCulture, $"every {Days[day % 7]} at {hour:00}:{minute:00} ({zone})");
            return $"on the schedule `{Cron}` ({zone})";
        }
    }
}

/// <summary>Where a subscription lives: a Teams channel message's id names its thread (<c>;messageid=</c>), the channel is the part before.</summary>
public static class DigestChannels
{
    private const string ThreadMarker = ";messageid=";

    public static string IdOf(ConversationAddress address) =>
        address.ConversationId.IndexOf(ThreadMarker, StringComparison.Ordinal) is var at and >= 0 ? address.ConversationId[..at] : address.ConversationId;

    public static ConversationHandle HandleOf(Turn turn) =>
        new(turn.Conversation with { ConversationId = IdOf(turn.Conversation) }, turn.Reference);

    /// <summary>The delivery log's destination for a channel: tenant and channel, so tenants never share a row.</summary>
    public static string Destination(DigestSubscription subscription) => $"{subscription.TenantKey}|{subscription.Channel.Address.ConversationId}";

    /// <summary>The delivery log's delivery for a week.</summary>
    public static string Delivery(DigestPeriod period) => $"digest|{period.Id}";
}
