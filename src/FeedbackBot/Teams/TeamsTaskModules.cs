using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Conversations;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;
using CardAction = FeedbackBot.Core.Conversations.CardAction;

namespace FeedbackBot.Teams;

/// <summary>Task modules (dialogs) for message actions: a form as a dialog, a message in a dialog, and message text as plain text.</summary>
public static partial class TeamsTaskModules
{
    public const string VerbKey = "verb";

    /// <summary>A dialog showing the form. Dialogs submit with <c>Action.Submit</c>, so each <c>Action.Execute</c> is rewritten to one carrying its verb.</summary>
    public static MessagingExtensionActionResponse Form(Reply.Form form) => new()
    {
        Task = new TaskModuleContinueResponse
        {
            Value = new TaskModuleTaskInfo
            {
                Title = form.Title,
                Height = "large",
                Width = "medium",
                Card = new Attachment { ContentType = TeamsReplies.AdaptiveCardType, Content = JObject.Parse(WithSubmitActions(form.Content).ToJsonString()) },
            },
        },
    };

    public static MessagingExtensionActionResponse Message(string text) => new() { Task = new TaskModuleMessageResponse(text) };

    /// <summary>A copy of the card where every <c>Action.Execute</c>, at any depth, is an <c>Action.Submit</c> with <c>{ verb, ...data }</c>.</summary>
    public static JsonObject WithSubmitActions(JsonObject card)
    {
        var copy = card.DeepClone().AsObject();
        Rewrite(copy);
        return copy;
    }

    private static void Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array) Rewrite(item);
                break;
            case JsonObject o when o["type"]?.ToString() == "Action.Execute":
                var data = new JsonObject { [VerbKey] = o["verb"]?.DeepClone() };
                if (o["data"] is JsonObject given)
                {
                    foreach (var (name, value) in given) data[name] = value?.DeepClone();
                }
                o["type"] = "Action.Submit";
                o.Remove("verb");
                o["data"] = data;
                break;
            case JsonObject o:
                foreach (var (_, value) in o.ToList()) Rewrite(value);
                break;
        }
    }

    /// <summary>A dialog's submitted data: the verb it carries, and the rest (the form's inputs and the action's data).</summary>
    public static CardAction? Submitted(JsonObject? data)
    {
        if (data?[VerbKey] is not JsonValue verb || verb.ToString() is not { Length: > 0 } name) return null;
        var rest = data.DeepClone().AsObject();
        rest.Remove(VerbKey);
        return new CardAction(name, rest);
    }

    /// <summary>A Teams message body (HTML) as the plain text a reader sees: tags dropped, breaks kept, entities decoded.</summary>
    public static string PlainText(MessageActionsPayloadBody? body)
    {
        var content = body?.Content ?? "";
        if (!string.Equals(body?.ContentType, "html", StringComparison.OrdinalIgnoreCase)) return content.Trim();
        var text = Breaks().Replace(content, "\n");
        text = Tags().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(line => Spaces().Replace(line, " ").Trim());
        return ManyBlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"<br\s*/?>|</(p|div|li|h[1-6]|tr|blockquote|pre)>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyBlankLines();
}
