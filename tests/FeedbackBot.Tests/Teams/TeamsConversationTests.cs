using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Teams;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TeamsConversationTests
{
    private static JsonObject? CardOf(RecordedRequest sent) => sent.Json?["attachments"]?[0]?["content"] as JsonObject;

    [Fact]
    public async Task About_replies_with_the_story_card()
    {
        await using var bot = await BotApplication.StartAsync();

        var response = await bot.SendTeamsAsync(TeamsActivities.Message(bot, "about payments"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await bot.Teams.WaitForAsync(r => r.Method == "POST", "the story card");
        Assert.Equal("application/vnd.microsoft.card.adaptive", sent.Json!["attachments"]![0]!["contentType"]!.GetValue<string>());
        var card = CardOf(sent)!.ToJsonString();
        Assert.Contains("Payments API", card);
        Assert.Contains("Take card payments with one call.", card);
        Assert.Contains("https://developer.example.com/payments", card);
        Assert.DoesNotContain("${", card);
    }

    [Fact]
    public async Task A_channel_mention_is_stripped_before_routing()
    {
        await using var bot = await BotApplication.StartAsync();
        var activity = TeamsActivities.Message(bot, "<at>FeedbackBot</at> apis", conversationType: "channel");
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>FeedbackBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = "28:feedbackbot", ["name"] = "FeedbackBot" },
        });

        await bot.SendTeamsAsync(activity);

        var sent = await bot.Teams.WaitForAsync(r => r.Method == "POST", "the catalog card");
        Assert.Contains("Payments API", CardOf(sent)!.ToJsonString());
    }

    [Fact]
    public async Task An_execute_invoke_answers_in_the_http_body()
    {
        await using var bot = await BotApplication.StartAsync();

        var response = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "catalog.edit", new JsonObject { ["apiId"] = "payments" }, BotApplication.ProductManagerAad));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("catalog.save", body["value"]!.ToJsonString());
        Assert.Contains("Take card payments with one call.", body["value"]!.ToJsonString());
    }

    [Fact]
    public async Task The_add_form_round_trip_stores_the_api_and_replaces_the_form_with_its_story()
    {
        await using var bot = await BotApplication.StartAsync();
        var inputs = new JsonObject
        {
            ["mode"] = "add", ["apiId"] = "", ["etag"] = "", ["id"] = "orders", ["name"] = "Orders API", ["pitch"] = "Place and track orders.",
            ["audience"] = "Shops", ["problem"] = "", ["status"] = "Preview", ["version"] = "0.9", ["docsUrl"] = "", ["owners"] = "",
        };

        var response = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "catalog.save", inputs, BotApplication.ProductManagerAad));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "about orders"));

        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("Place and track orders.", body["value"]!.ToJsonString());
        var about = await bot.Teams.WaitForAsync(r => r.Method == "POST" && r.Body.Contains("Orders API"), "the stored API's story");
        Assert.Contains("Preview", CardOf(about)!.ToJsonString());
    }

    [Fact]
    public async Task A_form_missing_a_required_field_is_redrawn_with_the_error_and_stores_nothing()
    {
        await using var bot = await BotApplication.StartAsync();
        var inputs = new JsonObject { ["mode"] = "add", ["id"] = "orders", ["name"] = "", ["pitch"] = "Place orders.", ["status"] = "GA" };

        var response = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "catalog.save", inputs, BotApplication.ProductManagerAad));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "about orders"));

        Assert.Contains("Give the API a name.", body["value"]!.ToJsonString());
        Assert.Contains("Place orders.", body["value"]!.ToJsonString());
        await bot.Teams.WaitForAsync(r => r.Body.Contains("I don't know an API called"), "no API 'orders' stored");
    }

    [Fact]
    public async Task An_action_submit_updates_the_card_it_came_from()
    {
        await using var bot = await BotApplication.StartAsync();
        var value = new JsonObject
        {
            ["verb"] = "catalog.save", ["mode"] = "edit", ["apiId"] = "payments", ["etag"] = "",
            ["name"] = "Payments API", ["pitch"] = "Payments, now with refunds.", ["status"] = "GA", ["owners"] = "slack:UOWNER",
        };

        await bot.SendTeamsAsync(TeamsActivities.Submit(bot, value, replyToId: "card-7", fromAad: BotApplication.ProductManagerAad));

        var update = await bot.Teams.WaitForAsync(r => r.Method == "PUT", "the form card replaced");
        Assert.EndsWith("/activities/card-7", update.Path);
        Assert.Contains("Payments, now with refunds.", CardOf(update)!.ToJsonString());
    }

    [Fact]
    public async Task A_consumer_cannot_edit_and_nothing_changes()
    {
        await using var bot = await BotApplication.StartAsync();
        var inputs = new JsonObject { ["mode"] = "edit", ["apiId"] = "payments", ["etag"] = "", ["name"] = "Hacked", ["pitch"] = "x", ["status"] = "GA" };

        var response = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "catalog.save", inputs, BotApplication.ConsumerAad));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "about payments"));

        Assert.Contains("Nothing was saved", body["value"]!.ToString());
        var about = await bot.Teams.WaitForAsync(r => r.Method == "POST" && r.Body.Contains("attachments"), "the story");
        Assert.DoesNotContain("Hacked", about.Body);
    }

    [Theory]
    [InlineData("", "help")]
    [InlineData("\u0001\u0002", "help")]
    [InlineData("about nonexistent", "I don't know an API called")]
    [InlineData("what is this", "Type `help`")]
    public async Task Odd_messages_get_a_clear_text_answer(string text, string expected)
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendTeamsAsync(TeamsActivities.Message(bot, text));

        var sent = await bot.Teams.WaitForAsync(r => r.Method == "POST", "an answer");
        Assert.Contains(expected, sent.Json!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Forty_thousand_characters_get_a_clear_answer()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "about " + new string('x', 40_000)));

        var sent = await bot.Teams.WaitForAsync(r => r.Method == "POST", "an answer");
        Assert.Contains("40,006 characters", sent.Json!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_is_a_400()
    {
        await using var bot = await BotApplication.StartAsync();

        var response = await bot.CreateClient().PostAsync("/api/messages", new StringContent("{\"type\":\"message\",", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(bot.Teams.Requests);
    }

    [Fact]
    public async Task An_invoke_whose_data_is_not_an_object_is_refused_with_a_reason()
    {
        await using var bot = await BotApplication.StartAsync();
        var activity = TeamsActivities.Execute(bot, "catalog.save", []);
        activity["value"]!["action"]!["data"] = "not an object";

        var response = await bot.SendTeamsAsync(activity);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Contains("not a JSON object", body["value"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tenant_outside_the_allow_list_is_refused()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Teams:AllowedTenants:0"] = "tenant-allowed");

        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "apis"));
        var invoke = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, "catalog.about", new JsonObject { ["apiId"] = "payments" }));

        var sent = await bot.Teams.WaitForAsync(r => r.Method == "POST", "a refusal");
        Assert.Contains("not enabled for your organisation", sent.Json!["text"]!.GetValue<string>());
        Assert.Equal(403, JsonNode.Parse(await invoke.Content.ReadAsStringAsync())!["statusCode"]!.GetValue<int>());
        Assert.DoesNotContain(bot.Teams.Requests, r => r.Body.Contains("Payments API"));
    }
}
