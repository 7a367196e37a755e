using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Probes;

/// <summary>Activities Teams would never send, or sends only when something is broken: each gets a 4xx with a reason, never a 500.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TeamsActivityProbeTests
{
    [Theory]
    [InlineData("conversation")]
    [InlineData("conversation.id")]
    [InlineData("from")]
    [InlineData("from.id")]
    [InlineData("recipient")]
    [InlineData("serviceUrl")]
    public async Task An_activity_without_a_required_part_is_a_400_naming_it(string missing)
    {
        await using var bot = await BotApplication.StartAsync();
        var activity = TeamsActivities.Message(bot, "help");
        Remove(activity, missing);

        var response = await bot.SendTeamsAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(missing, await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Teams.Sent);
    }

    [Fact]
    public async Task A_service_url_that_is_not_an_http_address_is_a_400()
    {
        await using var bot = await BotApplication.StartAsync();
        var activity = TeamsActivities.Message(bot, "help");
        activity["serviceUrl"] = "file:///etc/passwd";

        var response = await bot.SendTeamsAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("serviceUrl", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("adaptiveCard/action")]
    [InlineData("composeExtension/fetchTask")]
    [InlineData("composeExtension/submitAction")]
    public async Task An_invoke_without_a_value_is_a_400(string name)
    {
        await using var bot = await BotApplication.StartAsync();
        var activity = TeamsActivities.Execute(bot, "anything", []);
        activity["name"] = name;
        activity.Remove("value");

        var response = await bot.SendTeamsAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("adaptiveCard/action", "\"a string\"")]
    [InlineData("adaptiveCard/action", "[1, 2]")]
    [InlineData("adaptiveCard/action", "{\"action\": \"not an object\"}")]
    [InlineData("adaptiveCard/action", "{\"action\": {\"verb\": 42, \"data\": []}}")]
    [InlineData("composeExtension/fetchTask", "17")]
    [InlineData("composeExtension/submitAction", "{\"data\": \"text\", \"messagePayload\": 3}")]
    public async Task An_invoke_whose_value_has_the_wrong_type_is_a_400(string name, string value)
    {
        await using var bot = await BotApplication.StartAsync();
        var activity = TeamsActivities.Execute(bot, "anything", []);
        activity["name"] = name;
        activity["value"] = JsonNode.Parse(value);

        var response = await bot.SendTeamsAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_action_submit_value_nested_a_hundred_levels_deep_is_answered_politely()
    {
        await using var bot = await BotApplication.StartAsync();
        var deep = string.Concat(Enumerable.Repeat("{\"verb\":\"triage\",\"inner\":", 100)) + "{\"leaf\":\"x\"}" + new string('}', 100);
        var activity = TeamsActivities.Submit(bot, new JsonObject { ["placeholder"] = true }, replyToId: "card-1").ToJsonString()
            .Replace("{\"placeholder\":true}", deep);

        var response = await bot.CreateClient().PostAsync("/api/messages", new StringContent(activity, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nested deeper", await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Teams.Sent);
    }

    private static void Remove(JsonObject activity, string path)
    {
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? activity : (JsonObject)activity[parts[0]]!;
        parent.Remove(parts[^1]);
    }
}
