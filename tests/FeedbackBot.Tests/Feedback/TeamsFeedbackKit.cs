using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Feedback;

/// <summary>The moves of the feedback loop on Teams, as the Teams client would send them.</summary>
public static class TeamsFeedbackKit
{
    public const string TriageChannel = "19:triage@thread.tacv2";
    public const string OtherConsumerAad = "aad-consumer-2";

    public static JsonObject InChannel(JsonObject activity)
    {
        activity["conversation"] = new JsonObject { ["id"] = TriageChannel, ["conversationType"] = "channel", ["tenantId"] = BotApplication.TenantId };
        activity["channelData"]!["channel"] = new JsonObject { ["id"] = TriageChannel };
        activity["channelData"]!["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" };
        return activity;
    }

    public static async Task SetTriageChannelAsync(this BotApplication bot, string api = "payments")
    {
        await bot.SendTeamsAsync(InChannel(TeamsActivities.Message(bot, $"triage here {api}", BotApplication.ProductManagerAad)));
        await bot.Teams.WaitForAsync(r => r.Body.Contains("From now on"), "the triage channel confirmed");
    }

    public static JsonObject BugForm(string title = "Pagination skips page 2", string details = "GET /v2/payments?page=2 returns page 3.", string impact = "Blocking") => new()
    {
        ["sourceLink"] = "", ["api"] = "payments", ["kind"] = "Bug", ["title"] = title,
        ["details"] = details, ["impact"] = impact, ["requestId"] = "req-42", ["endpoint"] = "GET /v2/payments",
    };

    /// <summary>Submits the report form from the consumer's personal chat; returns the invoke response body.</summary>
    public static async Task<JsonNode> SubmitReportAsync(this BotApplication bot, JsonObject form, string fromAad = BotApplication.ConsumerAad)
    {
        var response = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "feedback.submit", form, fromAad));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Clicks a triage button on the card in the triage channel; returns the invoke response body.</summary>
    public static async Task<JsonNode> TriageAsync(this BotApplication bot, string verb, JsonObject data, string fromAad = BotApplication.ProductManagerAad)
    {
        var response = await bot.SendTeamsAsync(InChannel(TeamsActivities.Execute(bot, verb, data, fromAad)));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static Task<RecordedRequest> WaitForTriageCardAsync(this BotApplication bot, string shortId) =>
        bot.Teams.WaitForAsync(r => r.Method == "POST" && r.Path.Contains("triage") && r.Body.Contains(shortId) && r.Body.Contains("feedback.accept"),
            $"the triage card of {shortId} in the triage channel");

    /// <summary>What the bot sent into a personal chat on its own (not as the reply to a turn).</summary>
    public static Task<RecordedRequest> WaitForPersonalMessageAsync(this BotApplication bot, string text) =>
        bot.Teams.WaitForAsync(r => r.Method == "POST" && r.Path.Contains("/activities") && r.Body.Contains("\"conversationType\":\"personal\"")
            && r.Body.Contains(text), $"a personal message containing \"{text}\"");

    public static async Task<string> StatusTextAsync(this BotApplication bot, string shortId)
    {
        var reply = await bot.SayInTeamsAsync(TeamsActivities.Message(bot, $"status {shortId}", BotApplication.ProductManagerAad),
            r => r.Body.Contains(shortId), $"the status of {shortId}");
        return reply.Body;
    }
}
