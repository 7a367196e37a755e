using System.Globalization;
using System.Text.Json.Nodes;

namespace FeedbackBot.Playground;

/// <summary>
/// Slack's Web API under <c>/playground/slack/api/{method}</c>, for the methods the bot calls: it checks the bearer
/// token, answers <c>{"ok":true,…}</c> or Slack's own error codes, and keeps what was posted, updated, opened and
/// published for the page to draw.
/// </summary>
public sealed class SlackApiStandIn(PlaygroundTranscript transcript, PlaygroundPeople people, PlaygroundSecrets secrets, TimeProvider time)
{
    private readonly HashSet<string> usedTriggers = [];

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost(PlaygroundWorld.SlackApiPath + "{method}", async (string method, HttpRequest request) =>
        {
            if (request.Headers.Authorization.ToString() != $"Bearer {secrets.SlackBotToken}") return Error("invalid_auth");
            var body = request.HasFormContentType
                ? new JsonObject((await request.ReadFormAsync()).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value.ToString())))
                : await request.ReadFromJsonAsync<JsonObject>() ?? [];
            return Answer(method, body);
        });

    private IResult Answer(string method, JsonObject body) => method switch
    {
        "chat.postMessage" => PostMessage(body, ephemeralFor: null),
        "chat.postEphemeral" => PostMessage(body, ephemeralFor: Str(body["user"])),
        "chat.update" => UpdateMessage(body),
        "views.open" or "views.push" => OpenView(body, push: method == "views.push"),
        "views.update" => UpdateView(body),
        "views.publish" => PublishHome(body),
        "conversations.open" => OpenDirectMessage(body),
        "conversations.members" => Ok(new JsonObject
        {
            ["members"] = new JsonArray([.. people.All.Select(p => (JsonNode)p.SlackUser), PlaygroundWorld.SlackBotUser]),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = "" },
        }),
        "auth.test" => Ok(new JsonObject
        {
            ["url"] = $"https://{PlaygroundWorld.SlackTeamDomain}.slack.com/", ["team"] = "Playground", ["user"] = "feedbackbot",
            ["team_id"] = PlaygroundWorld.SlackTeam, ["user_id"] = PlaygroundWorld.SlackBotUser, ["bot_id"] = PlaygroundWorld.SlackBotId,
        }),
        "users.info" => people.BySlack(Str(body["user"])) is { } person ? Ok(new JsonObject { ["user"] = User(person) }) : Error("user_not_found"),
        _ => Error("unknown_method"),
    };

    private IResult PostMessage(JsonObject body, string? ephemeralFor)
    {
        var channel = Str(body["channel"]);
        if (!Exists(channel)) return Error("channel_not_found");
        if (ephemeralFor is not null && people.BySlack(ephemeralFor) is null) return Error("user_not_in_channel");
        var text = Str(body["text"]);
        var blocks = body["blocks"] as JsonArray;
        if (text.Length == 0 && blocks is not { Count: > 0 }) return Error("no_text");
        var ts = NextTs();
        var threadTs = Str(body["thread_ts"]) is { Length: > 0 } thread ? thread : null;
        transcript.Add(new PlaygroundMessage(ts, "slack", channel, "bot", text,
            Blocks: (JsonArray?)blocks?.DeepClone(), Thread: threadTs, VisibleTo: ephemeralFor));
        return ephemeralFor is null
            ? Ok(new JsonObject { ["channel"] = channel, ["ts"] = ts, ["message"] = new JsonObject { ["text"] = text, ["ts"] = ts } })
            : Ok(new JsonObject { ["message_ts"] = ts });
    }

    private IResult UpdateMessage(JsonObject body)
    {
        var channel = Str(body["channel"]);
        var ts = Str(body["ts"]);
        var blocks = body["blocks"] as JsonArray;
        var updated = transcript.Update("slack", channel, ts, m => m with { Text = Str(body["text"]), Blocks = (JsonArray?)blocks?.DeepClone() ?? m.Blocks });
        return updated ? Ok(new JsonObject { ["channel"] = channel, ["ts"] = ts }) : Error(Exists(channel) ? "message_not_found" : "channel_not_found");
    }

    /// <summary>A trigger names the person who clicked (the page makes them) and works once, as Slack's do.</summary>
    private IResult OpenView(JsonObject body, bool push)
    {
        var trigger = Str(body["trigger_id"]);
        var user = trigger.Split('.') is [_, var who, _] ? who : "";
        if (people.BySlack(user) is null) return Error("invalid_trigger_id");
        lock (usedTriggers)
        {
            if (!usedTriggers.Add(trigger)) return Error("trigger_exchanged");
        }
        if (body["view"] is not JsonObject view || Str(view["type"]) != "modal") return Error("invalid_arguments");
        var opened = transcript.OpenModal(user, (JsonObject)view.DeepClone(), push);
        return Ok(new JsonObject { ["view"] = ViewAnswer(opened) });
    }

    private IResult UpdateView(JsonObject body)
    {
        if (body["view"] is not JsonObject view) return Error("invalid_arguments");
        var updated = transcript.UpdateModal(Str(body["view_id"]), Str(body["hash"]), (JsonObject)view.DeepClone(), out var conflict);
        if (conflict) return Error("hash_conflict");
        return updated is null ? Error("not_found") : Ok(new JsonObject { ["view"] = ViewAnswer(updated) });
    }

    private IResult PublishHome(JsonObject body)
    {
        var user = Str(body["user_id"]);
        if (people.BySlack(user) is null) return Error("user_not_found");
        if (body["view"] is not JsonObject view || Str(view["type"]) != "home") return Error("invalid_arguments");
        return Ok(new JsonObject { ["view"] = ViewAnswer(transcript.PublishHome(user, (JsonObject)view.DeepClone())) });
    }

    private IResult OpenDirectMessage(JsonObject body)
    {
        var users = Str(body["users"]);
        if (users.Contains(',')) return Error("not_allowed");
        return people.BySlack(users) is { } person ? Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = person.SlackDm } }) : Error("user_not_found");
    }

    private bool Exists(string channel) =>
        PlaygroundWorld.Channels.Any(c => c.SlackId == channel) || people.All.Any(p => p.SlackDm == channel);

    private static JsonObject ViewAnswer(PlaygroundView view)
    {
        var answer = (JsonObject)view.View.DeepClone();
        answer["id"] = view.ViewId;
        answer["hash"] = view.Hash;
        answer["team_id"] = PlaygroundWorld.SlackTeam;
        return answer;
    }

    private static JsonObject User(PlaygroundPerson person) => new()
    {
        ["id"] = person.SlackUser, ["team_id"] = PlaygroundWorld.SlackTeam, ["name"] = person.Id, ["real_name"] = person.Name,
        ["is_bot"] = false, ["tz"] = "UTC",
        ["profile"] = new JsonObject { ["real_name"] = person.Name, ["display_name"] = person.Name.Split(' ')[0], ["title"] = person.Title },
    };

    private string NextTs() =>
        $"{time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{transcript.NextId("").PadLeft(6, '0')}";

    private static IResult Ok(JsonObject answer)
    {
        answer["ok"] = true;
        return Results.Json(answer);
    }

    /// <summary>Slack answers most failures with HTTP 200 and <c>ok:false</c>.</summary>
    private static IResult Error(string error) => Results.Json(new JsonObject { ["ok"] = false, ["error"] = error });

    private static string Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToString() ?? "";
}
