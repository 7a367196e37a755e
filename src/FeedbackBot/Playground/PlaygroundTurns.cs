using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace FeedbackBot.Playground;

/// <summary>
/// What Teams and Slack would send the bot for a person's move in the playground, built the way the page builds them
/// (wwwroot's teams.js and slack.js), for the seeding. Teams activities name the connector stand-in as serviceUrl.
/// </summary>
public static class PlaygroundTurns
{
    public static JsonObject TeamsMessage(Uri local, PlaygroundPerson person, string id, string text, PlaygroundChannel? channel)
    {
        var activity = TeamsBase(local, person, "message", id, channel);
        activity["text"] = channel is null ? text : $"<at>{PlaygroundWorld.BotName}</at> {text}";
        if (channel is not null)
        {
            activity["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention", ["text"] = $"<at>{PlaygroundWorld.BotName}</at>",
                ["mentioned"] = new JsonObject { ["id"] = PlaygroundWorld.TeamsBotId, ["name"] = PlaygroundWorld.BotName },
            });
        }
        return activity;
    }

    /// <summary>An Action.Execute click (<c>adaptiveCard/action</c> invoke) with the card's data and inputs.</summary>
    public static JsonObject TeamsExecute(Uri local, PlaygroundPerson person, string verb, JsonObject data, PlaygroundChannel? channel = null)
    {
        var activity = TeamsBase(local, person, "invoke", Guid.NewGuid().ToString("N"), channel);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = verb, ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    private static JsonObject TeamsBase(Uri local, PlaygroundPerson person, string type, string id, PlaygroundChannel? channel)
    {
        var conversation = channel is null
            ? new JsonObject { ["id"] = person.TeamsChat, ["conversationType"] = "personal", ["tenantId"] = PlaygroundWorld.TeamsTenant }
            : new JsonObject
            {
                ["id"] = $"{channel.TeamsId};messageid={id}", ["conversationType"] = "channel", ["tenantId"] = PlaygroundWorld.TeamsTenant,
                ["isGroup"] = true, ["name"] = channel.Name,
            };
        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = PlaygroundWorld.TeamsTenant } };
        if (channel is not null)
        {
            channelData["team"] = new JsonObject { ["id"] = PlaygroundWorld.TeamsTeam, ["name"] = "API program" };
            channelData["channel"] = new JsonObject { ["id"] = channel.TeamsId, ["name"] = channel.Name };
        }
        return new JsonObject
        {
            ["type"] = type, ["id"] = id, ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"), ["localTimezone"] = "UTC",
            ["serviceUrl"] = new Uri(local, PlaygroundWorld.TeamsConnectorPath.TrimStart('/')).ToString(), ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = person.TeamsId, ["name"] = person.Name, ["aadObjectId"] = person.TeamsAad },
            ["recipient"] = new JsonObject { ["id"] = PlaygroundWorld.TeamsBotId, ["name"] = PlaygroundWorld.BotName },
            ["conversation"] = conversation, ["channelData"] = channelData, ["locale"] = "en-US",
        };
    }

    /// <summary>A DM to the app (<c>message.im</c>) or an @mention in a channel (<c>app_mention</c>), in its event envelope.</summary>
    public static string SlackEvent(PlaygroundPerson person, string ts, string text, PlaygroundChannel? channel)
    {
        var ev = channel is null
            ? new JsonObject { ["type"] = "message", ["channel"] = person.SlackDm, ["channel_type"] = "im", ["text"] = text }
            : new JsonObject { ["type"] = "app_mention", ["channel"] = channel.SlackId, ["text"] = $"<@{PlaygroundWorld.SlackBotUser}> {text}" };
        ev["user"] = person.SlackUser;
        ev["ts"] = ts;
        ev["event_ts"] = ts;
        ev["team"] = PlaygroundWorld.SlackTeam;
        return new JsonObject
        {
            ["token"] = "playground", ["team_id"] = PlaygroundWorld.SlackTeam, ["api_app_id"] = PlaygroundWorld.SlackAppId, ["event"] = ev,
            ["type"] = "event_callback", ["event_id"] = "Ev" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)),
            ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["authorizations"] = new JsonArray(new JsonObject
            {
                ["team_id"] = PlaygroundWorld.SlackTeam, ["user_id"] = PlaygroundWorld.SlackBotUser, ["is_bot"] = true,
            }),
        }.ToJsonString();
    }

    /// <summary>
    /// A <c>view_submission</c> of a modal the bot opened, with <paramref name="values"/> typed into its inputs by block id
    /// (the rest as drawn), shaped as Slack sends it.
    /// </summary>
    public static JsonObject SlackSubmission(PlaygroundPerson person, PlaygroundView modal, IReadOnlyDictionary<string, string> values)
    {
        var state = new JsonObject();
        foreach (var block in (modal.View["blocks"] as JsonArray ?? []).OfType<JsonObject>().Where(b => (string?)b["type"] == "input"))
        {
            var element = block["element"]!.AsObject();
            var type = (string?)element["type"] ?? "";
            var value = values.TryGetValue((string?)block["block_id"] ?? "", out var given) ? given
                : (string?)element["initial_value"] ?? (string?)element["initial_option"]?["value"];
            var typed = new JsonObject { ["type"] = type };
            if (type == "static_select")
                typed["selected_option"] = string.IsNullOrEmpty(value) ? null
                    : new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value }, ["value"] = value };
            else typed["value"] = string.IsNullOrEmpty(value) ? null : value;
            state[(string)block["block_id"]!] = new JsonObject { [(string?)element["action_id"] ?? ""] = typed };
        }
        var view = (JsonObject)modal.View.DeepClone();
        view["id"] = modal.ViewId;
        view["hash"] = modal.Hash;
        view["team_id"] = PlaygroundWorld.SlackTeam;
        view["state"] = new JsonObject { ["values"] = state };
        return new JsonObject
        {
            ["type"] = "view_submission", ["team"] = new JsonObject { ["id"] = PlaygroundWorld.SlackTeam, ["domain"] = PlaygroundWorld.SlackTeamDomain },
            ["user"] = new JsonObject { ["id"] = person.SlackUser, ["username"] = person.Id, ["name"] = person.Id, ["team_id"] = PlaygroundWorld.SlackTeam },
            ["api_app_id"] = PlaygroundWorld.SlackAppId, ["token"] = "playground", ["trigger_id"] = Trigger(person),
            ["view"] = view, ["response_urls"] = new JsonArray(),
        };
    }

    public static string Form(Dictionary<string, string> fields) =>
        string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    /// <summary>A trigger names its clicker, so the Web API stand-in knows whose screen a modal opens on (Slack's own are opaque).</summary>
    public static string Trigger(PlaygroundPerson person) => $"{Random.Shared.NextInt64(100000, 999999)}.{person.SlackUser}.{Guid.NewGuid():N}";

    /// <summary>Slack's signature: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{body}</c> keyed by the signing secret.</summary>
    public static string Signature(string secret, long timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
}
