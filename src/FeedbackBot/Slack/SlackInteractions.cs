using System.Text.Json.Nodes;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using Microsoft.Extensions.Primitives;
using static FeedbackBot.Slack.SlackPayloads;

namespace FeedbackBot.Slack;

/// <summary>Interactivity payloads: button clicks, modal submissions and shortcuts, as card actions (verb + data).</summary>
public static class SlackInteractions
{
    public const string BlockActions = "block_actions";
    public const string ViewSubmission = "view_submission";

    /// <summary>Callback ids of the shortcuts in manifests/slack/manifest.json.</summary>
    public const string ReportFeedbackShortcut = "report_feedback";
    public const string ReportMessageShortcut = "report_message";

    public static SlackInbound Read(Dictionary<string, StringValues> form)
    {
        var raw = form.GetValueOrDefault("payload").ToString();
        if (raw.Length == 0) return new SlackInbound.Invalid("missing payload");
        if (ParseObject(raw) is not { } payload) return new SlackInbound.Invalid("malformed JSON in payload");

        var type = Str(payload["type"]);
        var team = Str(payload["team"]?["id"]) is { Length: > 0 } t ? t : Str(payload["user"]?["team_id"]);
        var user = Str(payload["user"]?["id"]);
        if (type is BlockActions or ViewSubmission or "shortcut" or "message_action" && (team.Length == 0 || user.Length == 0))
            return new SlackInbound.Invalid($"{type} without a team or a user");

        var person = new Person(Platform.Slack, user, Str(payload["user"]?["name"]) is { Length: > 0 } name ? name : null);
        return type switch
        {
            BlockActions => Click(payload, team, person),
            ViewSubmission => Submission(payload, team, person),
            "shortcut" or "message_action" => Shortcut(payload, type, team, person),
            "view_closed" => new SlackInbound.Ignored("a closed modal"),
            _ => new SlackInbound.Invalid($"unsupported payload type '{Shorten(type)}'"),
        };
    }

    private static SlackInbound Click(JsonObject payload, string team, Person user)
    {
        if (payload["actions"]?[0] is not JsonObject action) return new SlackInbound.Invalid("block_actions without an action");
        if (Str(action["type"]) != "button" || BlockKitRenderer.VerbOf(Str(action["action_id"])) is not { } verb)
            return new SlackInbound.Ignored("a link button or a control the bot did not draw");

        var data = ParseObject(Str(action["value"])) ?? [];
        // A form drawn in a message (not a modal) sends its inputs with the click.
        Merge(data, Values(payload["state"]?["values"]));

        var container = payload["container"];
        var origin = Str(container?["type"]) == "view" ? ModalOrigin.Parse(Str(payload["view"]?["private_metadata"])) : null;
        var channel = Str(payload["channel"]?["id"]) is { Length: > 0 } c ? c : Str(container?["channel_id"]) is { Length: > 0 } cc ? cc : origin?.Channel ?? "";
        var address = Address(team, channel, null, Str(payload["channel"]?["name"]));
        if (origin is not null) address = address with { Kind = origin.Kind };

        var trigger = Str(payload["trigger_id"]);
        var id = trigger.Length > 0 ? trigger : Str(action["action_ts"]);
        var messageTs = Str(container?["message_ts"]) is { Length: > 0 } ts ? ts : Str(payload["message"]?["ts"]);
        var turn = new Turn(address, user, TurnSource.CardButton, Action: new CardAction(verb, data), Reference: channel);
        return new SlackInbound.Accepted(team, $"{BlockActions}:{id}",
            new SlackTurn(turn, channel, NullIfEmpty(trigger), NullIfEmpty(messageTs), FromModal: origin is not null, AnswerInDirectMessage: origin?.Direct == true));
    }

    private static SlackInbound Submission(JsonObject payload, string team, Person user)
    {
        if (payload["view"] is not JsonObject view || Str(view["callback_id"]) is not { Length: > 0 } verb)
            return new SlackInbound.Invalid("view_submission without a view callback_id");

        var origin = ModalOrigin.Parse(Str(view["private_metadata"])) ?? new ModalOrigin("", ConversationKind.Personal, []);
        var data = origin.Data.DeepClone().AsObject();
        Merge(data, Values(view["state"]?["values"]));

        var trigger = Str(payload["trigger_id"]);
        var id = trigger.Length > 0 ? trigger : $"{Str(view["id"])}:{Str(view["hash"])}";
        var turn = new Turn(new ConversationAddress(Platform.Slack, team, origin.Channel, origin.Kind), user, TurnSource.FormSubmission,
            Action: new CardAction(verb, data), Reference: origin.Channel);
        return new SlackInbound.Accepted(team, $"{ViewSubmission}:{id}",
            new SlackTurn(turn, origin.Channel, NullIfEmpty(trigger), FromModal: true, AnswerInDirectMessage: origin.Direct));
    }

    /// <summary>
    /// The manifest's shortcuts open the report form: the global one empty, the message one prefilled with the message
    /// and a link back to it. Other callback ids are taken as verbs. What follows goes to the user's DM, not the channel.
    /// </summary>
    private static SlackInbound Shortcut(JsonObject payload, string type, string team, Person user)
    {
        var callbackId = Str(payload["callback_id"]);
        var trigger = Str(payload["trigger_id"]);
        if (callbackId.Length == 0 || trigger.Length == 0) return new SlackInbound.Invalid($"{type} without a callback_id or trigger_id");

        var channel = Str(payload["channel"]?["id"]);
        var action = callbackId switch
        {
            ReportFeedbackShortcut => new CardAction(FeedbackVerbs.Open, []),
            ReportMessageShortcut => new CardAction(FeedbackVerbs.Open, Prefill(payload, channel)),
            _ => new CardAction(callbackId, []),
        };
        var address = channel.Length == 0
            ? new ConversationAddress(Platform.Slack, team, "", ConversationKind.Personal)
            : Address(team, channel, null, Str(payload["channel"]?["name"]));
        var turn = new Turn(address, user, TurnSource.CardButton, Action: action, Reference: channel);
        return new SlackInbound.Accepted(team, $"{type}:{trigger}", new SlackTurn(turn, channel, trigger, AnswerInDirectMessage: true));
    }

    /// <summary>The report form's start from a message: its text as the reader sees it, and its permalink.</summary>
    private static JsonObject Prefill(JsonObject payload, string channel)
    {
        var message = payload["message"] as JsonObject ?? [];
        return new JsonObject
        {
            ["details"] = BlockKitText.Readable(Str(message["text"])),
            ["sourceLink"] = Permalink(Str(payload["team"]?["domain"]), channel, Str(message["ts"]), Str(message["thread_ts"])),
        };
    }

    /// <summary>Slack's own permalink shape: <c>https://{domain}.slack.com/archives/{channel}/p{ts without the dot}</c>, plus the thread for a reply.</summary>
    public static string Permalink(string domain, string channel, string ts, string threadTs)
    {
        if (domain.Length == 0 || channel.Length == 0 || ts.Length == 0) return "";
        var link = $"https://{domain}.slack.com/archives/{channel}/p{ts.Replace(".", "", StringComparison.Ordinal)}";
        return threadTs.Length > 0 && threadTs != ts ? $"{link}?thread_ts={threadTs}&cid={channel}" : link;
    }

    /// <summary>Input values by block id (the Adaptive Card input id), as the card would have submitted them.</summary>
    public static JsonObject Values(JsonNode? stateValues)
    {
        var values = new JsonObject();
        if (stateValues is not JsonObject blocks) return values;
        foreach (var (blockId, actions) in blocks)
        {
            if (actions is not JsonObject byAction || byAction.FirstOrDefault().Value is not JsonObject element) continue;
            values[blockId] = Str(element["type"]) switch
            {
                "static_select" or "radio_buttons" or "external_select" => Str(element["selected_option"]?["value"]),
                "multi_static_select" or "checkboxes" => string.Join(",", (element["selected_options"] as JsonArray ?? []).Select(o => Str(o?["value"]))),
                "datepicker" => Str(element["selected_date"]),
                "users_select" => Str(element["selected_user"]),
                "timepicker" => Str(element["selected_time"]),
                _ => Str(element["value"]),
            };
        }
        return values;
    }

    private static void Merge(JsonObject into, JsonObject values)
    {
        foreach (var (name, value) in values) into[name] = value?.DeepClone();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
