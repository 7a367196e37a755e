using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.GoToMarket;
using FeedbackBot.Tests.Feedback;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.GoToMarket;

/// <summary>A release plan on Teams: the API's channel (the triage channel), its roster, the plan form as submitted.</summary>
public static class GtmTeamsKit
{
    public const string OwnerAad = "aad-owner-1";
    public static readonly string Tenant = $"teams:{BotApplication.TenantId}";

    public static async Task<JsonNode> ExecuteInChannelAsync(this BotApplication bot, string verb, JsonObject data, string fromAad = BotApplication.ProductManagerAad)
    {
        var response = await bot.SendTeamsAsync(TeamsFeedbackKit.InChannel(TeamsActivities.Execute(bot, verb, data, fromAad)));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The API's channel with the PM and the owner in its roster.</summary>
    public static async Task PrepareChannelAsync(this BotApplication bot)
    {
        await bot.SetTriageChannelAsync();
        bot.Teams.SetMembers(TeamsFeedbackKit.TriageChannel,
            FakeTeamsConnector.Member.Person(BotApplication.ProductManagerAad), FakeTeamsConnector.Member.Person(OwnerAad), FakeTeamsConnector.Member.Bot());
    }

    /// <summary>The JSON as a reader would see its texts (no \u escapes of quotes and backticks).</summary>
    public static string Text(this JsonNode node) =>
        node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Today(BotApplication bot) => DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime);

    /// <summary>The plan form of payments 2.4: API owner steps to the owner, the rest to the PM, docs due on <paramref name="docsDue"/>.</summary>
    public static JsonObject PlanForm(DateOnly target, DateOnly? docsDue = null, string ownerAad = OwnerAad)
    {
        var form = new JsonObject { ["apiId"] = "payments", ["version"] = "2.4", ["target"] = Day(target), ["shipped"] = "" };
        foreach (var step in GtmTemplate.Default.Steps)
        {
            form[$"owner-{step.Id}"] = step.Role == StepRole.ApiOwner ? ownerAad : BotApplication.ProductManagerAad;
            form[$"due-{step.Id}"] = "";
        }
        if (docsDue is { } due) form["due-docs"] = Day(due);
        return form;
    }

    public static async Task<ReleasePlan> StartPlanAsync(this BotApplication bot, DateOnly target, DateOnly? docsDue = null)
    {
        await bot.ExecuteInChannelAsync(GoToMarketVerbs.SavePlan, PlanForm(target, docsDue));
        await bot.Teams.WaitForAsync(r => r.Method == "POST" && r.Path.Contains(TeamsFeedbackKit.TriageChannel) && r.Body.Contains("gtm.step"), "the readiness card in the API's channel");
        return (await bot.Services.GetRequiredService<IReleasePlanStore>().GetAsync(Tenant, "payments", "2.4", default))!;
    }

    public static JsonObject Step(string stepId, string outcome, string link = "", string reason = "", string owner = "") => new()
    {
        ["apiId"] = "payments", ["version"] = "2.4", ["stepId"] = stepId, ["outcome"] = outcome, ["link"] = link, ["reason"] = reason, ["owner"] = owner,
    };

    public static IEnumerable<RecordedRequest> Personal(BotApplication bot, string text) =>
        bot.Teams.Requests.Where(r => r.Method == "POST" && r.Path.Contains("/activities") && r.Body.Contains("\"conversationType\":\"personal\"") && r.Body.Contains(text));
}
