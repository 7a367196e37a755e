using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Slack;

/// <summary>
/// Renders the core's replies natively: messages (chat.postMessage), answers only the clicker sees (chat.postEphemeral),
/// updates of the clicked message (chat.update) and modals (views.open). Where the bot may not post, it answers in a DM.
/// </summary>
public sealed partial class SlackReplies(SlackApiClient slack, CardTemplates cards, ILogger<SlackReplies> log)
{
    public const string LauncherTemplate = "form-launcher";

    private static readonly HashSet<string> NotAllowedHere = ["not_in_channel", "channel_not_found", "is_archived"];
    private static readonly HashSet<string> StaleTrigger = ["expired_trigger_id", "invalid_trigger_id", "trigger_exchanged"];
    private static readonly HashSet<string> NotUpdatable = ["message_not_found", "cant_update_message", "edit_window_closed"];

    public async Task DeliverAsync(SlackTurn turn, IReadOnlyList<Reply> replies, CancellationToken cancellationToken)
    {
        var target = new Target(turn);
        foreach (var reply in replies)
        {
            switch (reply)
            {
                case Reply.Text or Reply.Question:
                    await TextAsync(target, reply is Reply.Text t ? t.Message : ((Reply.Question)reply).Message, cancellationToken);
                    break;
                case Reply.Card card:
                    await PostAsync(target, BlockKitRenderer.Message(card.Content, card.Summary), cancellationToken);
                    break;
                case Reply.UpdateCard update:
                    await UpdateOrPostAsync(target, BlockKitRenderer.Message(update.Content, update.Summary), cancellationToken);
                    break;
                case Reply.Form form:
                    await OpenFormAsync(target, form, cancellationToken);
                    break;
                case Reply.FieldErrors errors:
                    await UpdateOrPostAsync(target, BlockKitRenderer.Message(errors.Redrawn.Content, "Please check the form"), cancellationToken);
                    break;
            }
        }
    }

    /// <summary>Best effort after a failure: tell the user instead of going silent.</summary>
    public async Task ApologizeAsync(SlackTurn turn, CancellationToken cancellationToken)
    {
        try
        {
            await TextAsync(new Target(turn), "Sorry, something went wrong on my side. Please try again in a moment.", cancellationToken);
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException)
        {
            log.LogWarning(e, "Could not tell Slack user {User} that their request failed", turn.UserId);
        }
    }

    private Task TextAsync(Target target, string message, CancellationToken cancellationToken)
    {
        var rendered = BlockKitRenderer.Text(message);
        // A click in a channel is one person's business: answer them alone.
        return target.Turn.Turn.Source != TurnSource.Message && target.Kind != ConversationKind.Personal
            ? EphemeralAsync(target, rendered, cancellationToken)
            : PostAsync(target, rendered, cancellationToken);
    }

    private async Task UpdateOrPostAsync(Target target, SlackMessage message, CancellationToken cancellationToken)
    {
        var turn = target.Turn;
        if (turn.Turn.Source == TurnSource.CardButton && !turn.FromModal && turn.MessageTs is { } ts && !target.MovedToDirectMessage)
        {
            try
            {
                await slack.UpdateMessageAsync(target.Channel, ts, message.Text, message.Blocks, cancellationToken);
                return;
            }
            catch (SlackApiException e) when (NotUpdatable.Contains(e.Error))
            {
                // An ephemeral or deleted message cannot be replaced: the answer still has to reach the user.
                log.LogInformation("chat.update of {Ts} failed with {Error}; posting instead", ts, e.Error);
            }
        }
        await PostAsync(target, message, cancellationToken);
    }

    private async Task OpenFormAsync(Target target, Reply.Form form, CancellationToken cancellationToken)
    {
        if (target.TakeTrigger() is { } trigger)
        {
            try
            {
                await slack.OpenViewAsync(trigger, BlockKitRenderer.Modal(form, target.Turn.Channel, target.Turn.Turn.Conversation.Kind, target.Turn.AnswerInDirectMessage), cancellationToken);
                return;
            }
            catch (SlackApiException e) when (StaleTrigger.Contains(e.Error))
            {
                log.LogInformation("Trigger for {Form} had expired ({Error}); posting a button that opens it", form.Title, e.Error);
            }
        }
        // Slack opens a modal only from a fresh click: offer one.
        var launcher = cards.Expand(LauncherTemplate, new
        {
            text = $"Slack opens forms from a click: press the button to open \"{form.Title}\".",
            buttonTitle = form.Title,
            verb = form.Reopen.Verb,
            actionData = form.Reopen.Data,
        });
        await PostAsync(target, BlockKitRenderer.Message(launcher, form.Title), cancellationToken);
    }

    private Task PostAsync(Target target, SlackMessage message, CancellationToken cancellationToken) =>
        InChannelOrDirectAsync(target, channel => slack.PostMessageAsync(channel, message.Text, message.Blocks, cancellationToken), cancellationToken);

    private Task EphemeralAsync(Target target, SlackMessage message, CancellationToken cancellationToken) =>
        InChannelOrDirectAsync(target, channel => target.MovedToDirectMessage
            ? slack.PostMessageAsync(channel, message.Text, message.Blocks, cancellationToken)
            : slack.PostEphemeralAsync(channel, target.Turn.UserId, message.Text, message.Blocks, cancellationToken), cancellationToken);

    /// <summary>Sends to the conversation; where the bot is not a member (a slash command in a channel it was never invited to), to a DM instead, saying so.</summary>
    private async Task InChannelOrDirectAsync(Target target, Func<string, Task> send, CancellationToken cancellationToken)
    {
        if (target.Channel.Length == 0 || (target.Turn.AnswerInDirectMessage && !target.MovedToDirectMessage))
            await MoveToDirectMessageAsync(target, null, cancellationToken);
        try
        {
            await send(target.Channel);
        }
        catch (SlackApiException e) when (NotAllowedHere.Contains(e.Error) && !target.MovedToDirectMessage)
        {
            log.LogInformation("{Method} to {Channel} failed with {Error}; answering {User} in a DM", e.Method, target.Channel, e.Error, target.Turn.UserId);
            await MoveToDirectMessageAsync(target, target.Channel, cancellationToken);
            await send(target.Channel);
        }
    }

    private async Task MoveToDirectMessageAsync(Target target, string? refusedChannel, CancellationToken cancellationToken)
    {
        target.Channel = await slack.OpenDirectMessageAsync(target.Turn.UserId, cancellationToken);
        target.MovedToDirectMessage = true;
        if (refusedChannel is null) return;
        var where = ChannelId().IsMatch(refusedChannel) ? $"<#{refusedChannel}>" : "that conversation";
        var note = $"I can't post in {where} because I'm not a member there, so here is my answer in our direct messages. Invite me there with `/invite @FeedbackBot` to get answers in the channel.";
        // Our own words with a real channel link, so not run through the escaping that user text gets.
        var blocks = new JsonArray(new JsonObject { ["type"] = "section", ["text"] = BlockKitText.MrkdwnObject(note) });
        await slack.PostMessageAsync(target.Channel, note, blocks, cancellationToken);
    }

    [GeneratedRegex("^[A-Z0-9]{2,32}$")]
    private static partial Regex ChannelId();

    /// <summary>Where this turn's answers go: can move to a DM once; the trigger opens one modal only.</summary>
    private sealed class Target(SlackTurn turn)
    {
        private string? trigger = turn.TriggerId;

        public SlackTurn Turn { get; } = turn;

        public string Channel { get; set; } = turn.Channel;

        public bool MovedToDirectMessage { get; set; }

        public ConversationKind Kind => MovedToDirectMessage ? ConversationKind.Personal : Turn.Turn.Conversation.Kind;

        public string? TakeTrigger() => Interlocked.Exchange(ref trigger, null);
    }
}
