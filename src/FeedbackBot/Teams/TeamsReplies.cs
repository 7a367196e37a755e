using FeedbackBot.Core.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace FeedbackBot.Teams;

/// <summary>Renders core replies as Teams activities and Universal Action invoke responses.</summary>
public static class TeamsReplies
{
    public const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    public static IActivity ToActivity(Reply reply) => reply switch
    {
        Reply.Text text => MessageFactory.Text(text.Message),
        Reply.Question question => MessageFactory.Text(question.Message),
        Reply.Card card => CardMessage(card.Content, card.Summary),
        Reply.Form form => CardMessage(form.Content, form.Title),
        Reply.UpdateCard update => CardMessage(update.Content, update.Summary),
        Reply.FieldErrors errors => CardMessage(errors.Redrawn.Content, "Please check the form"),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply, "Unknown reply"),
    };

    /// <summary>
    /// The clicked card is replaced by the first card that answers the click (an update, a redrawn form, a form opened
    /// from the card); new cards go out as messages; a lone text answers the clicker alone.
    /// </summary>
    public static (AdaptiveCardInvokeResponse Response, IReadOnlyList<Reply> Others) ToInvokeResponse(IReadOnlyList<Reply> replies)
    {
        var replacing = replies.FirstOrDefault(r => r is Reply.UpdateCard or Reply.FieldErrors or Reply.Form);
        if (replacing is not null)
        {
            var content = replacing switch
            {
                Reply.UpdateCard u => u.Content,
                Reply.FieldErrors e => e.Redrawn.Content,
                Reply.Form f => f.Content,
                _ => throw new InvalidOperationException(),
            };
            return (CardResponse(content), replies.Where(r => r != replacing).ToList());
        }

        var text = replies.OfType<Reply.Text>().FirstOrDefault();
        var message = text?.Message ?? replies.OfType<Reply.Card>().FirstOrDefault()?.Summary ?? "Done.";
        return (new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = message },
            replies.Where(r => r != text).ToList());
    }

    public static AdaptiveCardInvokeResponse Error(int status, string message) => new()
    {
        StatusCode = status,
        Type = "application/vnd.microsoft.error",
        Value = new JObject { ["code"] = status == 403 ? "Forbidden" : "BadRequest", ["message"] = message },
    };

    private static AdaptiveCardInvokeResponse CardResponse(System.Text.Json.Nodes.JsonObject content) => new()
    {
        StatusCode = 200,
        Type = AdaptiveCardType,
        Value = JObject.Parse(content.ToJsonString()),
    };

    private static IActivity CardMessage(System.Text.Json.Nodes.JsonObject content, string summary)
    {
        var activity = MessageFactory.Attachment(new Attachment { ContentType = AdaptiveCardType, Content = JObject.Parse(content.ToJsonString()) });
        activity.Summary = summary;
        return activity;
    }
}
