using System.Text.Json.Nodes;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Hosting;
using Microsoft.Bot.Schema.Teams;

namespace FeedbackBot.Teams;

/// <summary>
/// "Report as API feedback" on any Teams message (a <c>composeExtensions</c> action command of context <c>message</c>):
/// the report form opens in a dialog prefilled with the message, and what follows goes to the user's personal chat,
/// never into the conversation where the message was.
/// </summary>
public sealed class TeamsMessageAction(TurnRouter router, TeamsMessenger messenger, ILogger<TeamsMessageAction> log)
{
    public const string ReportMessageCommand = "reportMessage";

    public async Task<MessagingExtensionActionResponse> FetchAsync(Turn at, MessagingExtensionAction action, CancellationToken cancellationToken)
    {
        if (action.CommandId != ReportMessageCommand) return Unknown(action.CommandId);

        var data = new JsonObject
        {
            ["details"] = TeamsTaskModules.PlainText(action.MessagePayload?.Body),
            ["sourceLink"] = action.MessagePayload?.LinkToMessage?.OriginalString ?? "",
        };
        var replies = await BotTelemetry.RouteAsync(router, at with { Source = TurnSource.CardButton, Action = new CardAction(FeedbackVerbs.Open, data) }, cancellationToken);
        return replies.OfType<Reply.Form>().FirstOrDefault() is { } form
            ? TeamsTaskModules.Form(form)
            : TeamsTaskModules.Message(Says(replies));
    }

    public async Task<MessagingExtensionActionResponse?> SubmitAsync(Turn at, MessagingExtensionAction action, JsonObject? data, CancellationToken cancellationToken)
    {
        if (action.CommandId != ReportMessageCommand) return Unknown(action.CommandId);
        if (TeamsTaskModules.Submitted(data) is not { } submitted)
            return TeamsTaskModules.Message("This form came back without saying what it is for, so nothing was saved. Please start again from the message.");

        var replies = await BotTelemetry.RouteAsync(router, at with { Source = TurnSource.FormSubmission, Action = submitted }, cancellationToken);
        switch (replies.FirstOrDefault(r => r is Reply.FieldErrors or Reply.Form))
        {
            case Reply.FieldErrors errors: return TeamsTaskModules.Form(errors.Redrawn);
            case Reply.Form form: return TeamsTaskModules.Form(form);
        }

        try
        {
            await ToPersonalChatAsync(at, replies, cancellationToken);
        }
        catch (Exception e) when (e is TeamsDeliveryException or InvalidOperationException)
        {
            log.LogWarning(e, "Could not reach {User} in their personal chat after a message action", at.User.Key);
            return TeamsTaskModules.Message("Done, but I could not send you the confirmation in our personal chat. Open a chat with FeedbackBot and type `mine` to see your reports.");
        }
        return null;
    }

    /// <summary>The first reply finds (or opens) the personal chat; the others follow it there.</summary>
    private async Task ToPersonalChatAsync(Turn at, IReadOnlyList<Reply> replies, CancellationToken cancellationToken)
    {
        ConversationHandle? personal = null;
        foreach (var reply in replies.Select(AsMessage))
        {
            personal = personal is null
                ? (await messenger.NotifyAsync(at.User, at.Handle, reply, cancellationToken)).Conversation
                : (await messenger.PostAsync(personal, reply, null, cancellationToken)).Conversation;
        }
    }

    /// <summary>In the personal chat everything is a new message: a card that "replaces" the dialog is posted.</summary>
    private static Reply AsMessage(Reply reply) => reply switch
    {
        Reply.UpdateCard update => new Reply.Card(update.Content, update.Summary),
        Reply.Question question => new Reply.Text(question.Message),
        _ => reply,
    };

    private static string Says(IReadOnlyList<Reply> replies) =>
        replies.OfType<Reply.Text>().FirstOrDefault()?.Message
        ?? replies.OfType<Reply.Card>().FirstOrDefault()?.Summary
        ?? "Sorry, I cannot open the report form right now.";

    private static MessagingExtensionActionResponse Unknown(string? commandId) =>
        TeamsTaskModules.Message($"I don't know the action \"{commandId}\". Update the FeedbackBot app, or type `help` in a chat with me.");
}
