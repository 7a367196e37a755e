using System.Text.Json.Nodes;

namespace FeedbackBot.Playground;

/// <summary>
/// The Bot Framework connector under <c>/playground/teams/</c>, the serviceUrl of every activity the playground sends:
/// replies, proactive sends, card updates, new 1:1 chats and rosters land here and are drawn by the page, as Teams
/// would draw them. Shapes follow the Bot Connector REST API (v3/conversations).
/// </summary>
public sealed class TeamsConnectorStandIn(PlaygroundTranscript transcript, PlaygroundPeople people)
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    private const string ThreadMarker = ";messageid=";

    public void Map(IEndpointRouteBuilder routes)
    {
        var v3 = routes.MapGroup(PlaygroundWorld.TeamsConnectorPath.TrimEnd('/') + "/v3/conversations");
        v3.MapPost("/{conversationId}/activities/{activityId}",
            (string conversationId, string activityId, JsonObject activity) => Send(conversationId, activity, activityId));
        v3.MapPost("/{conversationId}/activities", (string conversationId, JsonObject activity) => Send(conversationId, activity, null));
        v3.MapPut("/{conversationId}/activities/{activityId}",
            (string conversationId, string activityId, JsonObject activity) => Update(conversationId, activityId, activity));
        v3.MapPost("", (JsonObject parameters) => Create(parameters));
        v3.MapGet("/{conversationId}/pagedmembers", () => Results.Ok(new { members = Roster(), continuationToken = (string?)null }));
        v3.MapGet("/{conversationId}/members", () => Results.Ok(Roster()));
        v3.MapGet("/{conversationId}/members/{userId}", (string userId) =>
            people.ByTeams(userId) is { } person ? Results.Ok(Member(person)) : NotFound("MemberNotFoundInConversation", $"{userId} is not a member here."));
    }

    private IResult Send(string conversationId, JsonObject activity, string? replyTo)
    {
        var (conversation, thread) = Split(conversationId);
        // Typing indicators and other non-message activities are accepted and not drawn.
        if (Str(activity["type"]) is { Length: > 0 } type && type != "message") return Results.Ok(new { id = transcript.NextId("pg-t") });
        var id = transcript.NextId("pg-bot-");
        transcript.Add(new PlaygroundMessage(id, "teams", conversation, "bot", Str(activity["text"]), CardOf(activity),
            Thread: thread ?? (conversation.StartsWith("19:", StringComparison.Ordinal) ? replyTo : null)));
        return Results.Ok(new { id });
    }

    private IResult Update(string conversationId, string activityId, JsonObject activity)
    {
        var (conversation, _) = Split(conversationId);
        var updated = transcript.Update("teams", conversation, activityId, m => m with { Text = Str(activity["text"]), Card = CardOf(activity) });
        return updated ? Results.Ok(new { id = activityId }) : NotFound("ActivityNotFound", $"No activity {activityId} in {conversationId}.");
    }

    /// <summary>Teams keeps one 1:1 chat per person and bot: opening it again gives the same id.</summary>
    private IResult Create(JsonObject parameters)
    {
        var member = Str(parameters["members"]?[0]?["id"]);
        if (member.Length == 0 || parameters["isGroup"]?.GetValue<bool>() == true)
        {
            const string message = "A bot can open a 1:1 chat with one member; it cannot create group chats or channels.";
            return Results.BadRequest(new { error = new { code = "BadArgument", message } });
        }
        var person = people.ByTeams(member);
        var id = person?.TeamsChat ?? $"a:pg-chat-{member.Replace("29:", "", StringComparison.Ordinal)}";
        return Results.Ok(new { id, activityId = (string?)null, serviceUrl = (string?)null });
    }

    private List<JsonObject> Roster()
    {
        var members = people.All.Select(Member).ToList();
        members.Add(new JsonObject { ["id"] = PlaygroundWorld.TeamsBotId, ["name"] = PlaygroundWorld.BotName });
        return members;
    }

    private static JsonObject Member(PlaygroundPerson person) => new()
    {
        ["id"] = person.TeamsId, ["name"] = person.Name, ["aadObjectId"] = person.TeamsAad, ["givenName"] = person.Name.Split(' ')[0],
        ["userPrincipalName"] = $"{person.Id}@playground.example", ["email"] = $"{person.Id}@playground.example",
        ["tenantId"] = PlaygroundWorld.TeamsTenant, ["userRole"] = "user",
    };

    /// <summary>A channel message's conversation id names its thread; the page draws the channel and marks the thread.</summary>
    public static (string Conversation, string? Thread) Split(string conversationId)
    {
        var at = conversationId.IndexOf(ThreadMarker, StringComparison.Ordinal);
        return at < 0 ? (conversationId, null) : (conversationId[..at], conversationId[(at + ThreadMarker.Length)..]);
    }

    private static JsonNode? CardOf(JsonObject activity) =>
        (activity["attachments"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(a => Str(a["contentType"]) == AdaptiveCard)?["content"]?.DeepClone();

    private static IResult NotFound(string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: StatusCodes.Status404NotFound);

    private static string Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
