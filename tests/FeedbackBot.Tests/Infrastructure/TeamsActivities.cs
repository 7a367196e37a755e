using System.Text.Json.Nodes;

namespace FeedbackBot.Tests.Infrastructure;

/// <summary>Activities shaped like the ones Teams sends, pointed at the fake connector.</summary>
public static class TeamsActivities
{
    public static JsonObject Message(BotApplication bot, string text, string fromAad = BotApplication.ConsumerAad,
        string conversationType = "personal", string tenantId = BotApplication.TenantId) =>
        Base(bot, "message", fromAad, conversationType, tenantId, text);

    public static JsonObject Submit(BotApplication bot, JsonObject value, string replyToId, string fromAad = BotApplication.ConsumerAad)
    {
        var activity = Base(bot, "message", fromAad, "personal", BotApplication.TenantId, text: null);
        activity["value"] = value;
        activity["replyToId"] = replyToId;
        return activity;
    }

    /// <summary>An <c>adaptiveCard/action</c> invoke: what Teams sends when an Action.Execute button is clicked.</summary>
    public static JsonObject Execute(BotApplication bot, string verb, JsonObject data, string fromAad = BotApplication.ConsumerAad, string tenantId = BotApplication.TenantId)
    {
        var activity = Base(bot, "invoke", fromAad, "personal", tenantId, text: null);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "button", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>
    /// The ConversationReference the bot stores for a turn from this user in this kind of conversation, as the SDK
    /// serializes it (what <c>Turn.Reference</c> holds on Teams).
    /// </summary>
    public static string Reference(BotApplication bot, string conversationType = "personal", string fromAad = BotApplication.ConsumerAad,
        string tenantId = BotApplication.TenantId, string? conversationId = null) => new JsonObject
        {
            ["activityId"] = Guid.NewGuid().ToString("N"),
            ["user"] = new JsonObject { ["id"] = $"29:{fromAad}", ["name"] = "Test User", ["aadObjectId"] = fromAad },
            ["bot"] = new JsonObject { ["id"] = "28:feedbackbot", ["name"] = "FeedbackBot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId ?? ConversationId(conversationType, fromAad), ["conversationType"] = conversationType, ["tenantId"] = tenantId,
            },
            ["channelId"] = "msteams",
            ["serviceUrl"] = bot.Teams.BaseUrl.ToString(),
        }.ToJsonString();

    /// <summary>
    /// A message action on a channel message: <c>composeExtension/fetchTask</c> (<paramref name="data"/> null) or
    /// <c>composeExtension/submitAction</c> with the dialog's submitted data.
    /// </summary>
    public static JsonObject MessageAction(BotApplication bot, string html, string link, JsonObject? data = null,
        string commandId = "reportMessage", string fromAad = BotApplication.ConsumerAad, string conversationType = "channel")
    {
        var activity = Base(bot, "invoke", fromAad, conversationType, BotApplication.TenantId, text: null);
        activity["name"] = data is null ? "composeExtension/fetchTask" : "composeExtension/submitAction";
        var value = new JsonObject
        {
            ["commandId"] = commandId,
            ["commandContext"] = "message",
            ["context"] = new JsonObject { ["theme"] = "default" },
            ["messagePayload"] = new JsonObject
            {
                ["id"] = "1732440600000",
                ["messageType"] = "message",
                ["createdDateTime"] = "2024-11-24T09:30:00.000Z",
                ["from"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "aad-someone", ["displayName"] = "Someone Else" } },
                ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = html },
                ["linkToMessage"] = link,
            },
        };
        if (data is not null) value["data"] = data;
        activity["value"] = value;
        return activity;
    }

    private static string ConversationId(string conversationType, string fromAad) =>
        conversationType == "channel" ? "19:channel@thread.tacv2;messageid=1" : $"a:personal-{fromAad}";

    private static JsonObject Base(BotApplication bot, string type, string fromAad, string conversationType, string tenantId, string? text)
    {
        var conversationId = ConversationId(conversationType, fromAad);
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = bot.Teams.BaseUrl.ToString(),
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = $"29:{fromAad}", ["name"] = "Test User", ["aadObjectId"] = fromAad },
            ["recipient"] = new JsonObject { ["id"] = "28:feedbackbot", ["name"] = "FeedbackBot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["tenantId"] = tenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
        };
        if (text is not null) activity["text"] = text;
        return activity;
    }
}
