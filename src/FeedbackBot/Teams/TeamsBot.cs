using System.Text.Json.Nodes;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using CardAction = FeedbackBot.Core.Conversations.CardAction;

namespace FeedbackBot.Teams;

/// <summary>Translates Teams activities into channel-neutral turns and the core's replies back into activities.</summary>
public sealed class TeamsBot(TurnRouter router, TeamsMessageAction messageAction, IOptions<TeamsOptions> options, ILogger<TeamsBot> log) : TeamsActivityHandler
{
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (!await AllowedAsync(turnContext, cancellationToken)) return;

        var action = SubmittedAction(activity.Value);
        var turn = action is null
            ? TurnOf(activity, TurnSource.Message) with { Text = activity.RemoveRecipientMention() ?? "" }
            : TurnOf(activity, TurnSource.FormSubmission) with { Action = action };

        var replies = await BotTelemetry.RouteAsync(router, turn, cancellationToken);
        foreach (var reply in replies)
        {
            // Action.Submit cannot return a card, so "replace the card" means updating the message it came from.
            if (reply is Reply.UpdateCard or Reply.FieldErrors && activity.ReplyToId is { } cardId)
            {
                var update = TeamsReplies.ToActivity(reply);
                update.Id = cardId;
                await turnContext.UpdateActivityAsync(update, cancellationToken);
            }
            else
            {
                await turnContext.SendActivityAsync(TeamsReplies.ToActivity(reply), cancellationToken);
            }
        }
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (!IsAllowed(activity)) return TeamsReplies.Error(403, "This bot is not enabled for your organisation.");
        if (string.IsNullOrWhiteSpace(invokeValue.Action?.Verb))
            return TeamsReplies.Error(400, "This card action has no verb, so I cannot tell what it is for.");

        var data = ToJsonObject(invokeValue.Action.Data);
        if (data is null) return TeamsReplies.Error(400, "This card action's data is not a JSON object.");

        var turn = TurnOf(activity, TurnSource.CardButton) with { Action = new CardAction(invokeValue.Action.Verb, data) };
        var replies = await BotTelemetry.RouteAsync(router, turn, cancellationToken);
        var (response, rest) = TeamsReplies.ToInvokeResponse(replies);
        foreach (var reply in rest) await turnContext.SendActivityAsync(TeamsReplies.ToActivity(reply), cancellationToken);
        return response;
    }

    protected override Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionFetchTaskAsync(
        ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken) =>
        IsAllowed(turnContext.Activity)
            ? messageAction.FetchAsync(TurnOf(turnContext.Activity, TurnSource.CardButton), action, cancellationToken)
            : Task.FromResult(TeamsTaskModules.Message("Sorry, this bot is not enabled for your organisation."));

    /// <summary>A null answer closes the dialog.</summary>
    protected override async Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionSubmitActionAsync(
        ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken)
    {
        if (!IsAllowed(turnContext.Activity)) return TeamsTaskModules.Message("Sorry, this bot is not enabled for your organisation.");
        var data = action.Data is null ? null : ToJsonObject(action.Data);
        return (await messageAction.SubmitAsync(TurnOf(turnContext.Activity, TurnSource.FormSubmission), action, data, cancellationToken))!;
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (!membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id) || !IsAllowed(turnContext.Activity)) return;
        await turnContext.SendActivityAsync(MessageFactory.Text("Hi, I'm FeedbackBot: the feedback loop of our APIs. Type `help` to see what I can do, or `apis` for the catalog."), cancellationToken);
    }

    private async Task<bool> AllowedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (IsAllowed(turnContext.Activity)) return true;
        await turnContext.SendActivityAsync(MessageFactory.Text("Sorry, this bot is not enabled for your organisation."), cancellationToken);
        return false;
    }

    private bool IsAllowed(IActivity activity)
    {
        var allowed = options.Value.IsTenantAllowed(TenantOf(activity));
        if (!allowed) log.LogWarning("Refused a Teams activity from tenant {Tenant}, which is not in Teams:AllowedTenants", TenantOf(activity));
        return allowed;
    }

    /// <summary>An Action.Submit arrives as a message whose value carries our <c>verb</c> (or a Universal Action fallback's <c>action.verb</c>).</summary>
    private static CardAction? SubmittedAction(object? value)
    {
        if (ToJsonObject(value) is not { } data) return null;
        var verb = data["verb"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? data["verb"]!.GetValue<string>() : null;
        if (verb is null && data["action"] is JsonObject nested && nested["verb"]?.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            verb = nested["verb"]!.GetValue<string>();
            data = nested["data"] as JsonObject ?? [];
        }
        return string.IsNullOrWhiteSpace(verb) ? null : new CardAction(verb, data);
    }

    private static JsonObject? ToJsonObject(object? value) => value switch
    {
        null => null,
        JObject o => JsonNode.Parse(o.ToString(Newtonsoft.Json.Formatting.None)) as JsonObject,
        JToken => null,
        _ => JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(value)) as JsonObject,
    };

    internal static string TenantOf(IActivity activity) =>
        activity.Conversation?.TenantId
        ?? (activity.ChannelData is null ? null : activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id)
        ?? "none";

    private static Turn TurnOf(IActivity activity, TurnSource source) =>
        new(Address(activity), Sender(activity), source, Reference: TeamsReference.Of(activity));

    private static ConversationAddress Address(IActivity activity) => new(
        Platform.Teams,
        TenantOf(activity),
        activity.Conversation?.Id ?? "",
        activity.Conversation?.ConversationType switch
        {
            "channel" => ConversationKind.Channel,
            "groupChat" => ConversationKind.Group,
            _ => ConversationKind.Personal,
        });

    private static Person Sender(IActivity activity) =>
        new(Platform.Teams, activity.From?.AadObjectId ?? activity.From?.Id ?? "unknown", activity.From?.Name);
}
