using System.Text.Json.Nodes;

namespace FeedbackBot.Core.Conversations;

/// <summary>What a handler answers. Adapters render each kind natively (Teams activities, Slack Web API calls).</summary>
public abstract record Reply
{
    private Reply() { }

    /// <summary>A plain message. User-provided parts must already be inside; adapters escape for their platform.</summary>
    public sealed record Text(string Message) : Reply;

    /// <summary>A new message carrying an expanded Adaptive Card; <paramref name="Summary"/> is the notification text.</summary>
    public sealed record Card(JsonObject Content, string Summary) : Reply;

    /// <summary>
    /// Open a form: Teams sends the card (its inputs and submit action are the form); Slack opens a modal
    /// titled <paramref name="Title"/> whose submission arrives as the card's <paramref name="SubmitVerb"/> action.
    /// <paramref name="Reopen"/> is the click that opens this form again: Slack opens a modal only from a fresh click,
    /// so after typed words it posts a button carrying this action instead.
    /// </summary>
    public sealed record Form(JsonObject Content, string Title, string SubmitVerb, CardAction Reopen) : Reply;

    /// <summary>Replace the card the action came from (Teams: invoke response or update; Slack: chat.update, or closing the modal and posting it).</summary>
    public sealed record UpdateCard(JsonObject Content, string Summary) : Reply;

    /// <summary>
    /// Ask the user something their next message answers: the router remembers (in flow state, not in memory)
    /// that the answer goes to <paramref name="ResumeCommand"/> as its arguments. Adapters see a plain text.
    /// </summary>
    public sealed record Question(string Message, string ResumeCommand) : Reply;

    /// <summary>The form was not accepted: errors by input id, and the same form re-drawn with them for platforms that redraw.</summary>
    public sealed record FieldErrors(Form Redrawn, IReadOnlyDictionary<string, string> Errors) : Reply;
}
