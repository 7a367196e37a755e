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

    private static JsonObject Base(BotApplication bot, string type, string fromAad, string conversationType, string tenantId, string? text)
    {
        var conversationId = conversationType == "channel" ? "19:channel@thread.tacv2;messageid=1" : $"a:personal-{fromAad}";
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
