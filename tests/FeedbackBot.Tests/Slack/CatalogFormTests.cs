using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Slack;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CatalogFormTests
{
    private static readonly Dictionary<string, string> NewApi = new()
    {
        ["id"] = "invoices", ["name"] = "Invoices API", ["pitch"] = "Send invoices that customers pay online.",
        ["audience"] = "Billing teams", ["problem"] = "Invoices were made by hand.", ["status"] = "Preview",
        ["version"] = "0.9", ["docsUrl"] = "https://developer.example.com/invoices", ["owners"] = "slack:UPM1",
    };

    [Fact]
    public async Task A_product_manager_adds_an_api_through_the_modal()
    {
        await using var bot = await BotApplication.StartAsync();

        var view = await OpenAddFormAsync(bot);
        var response = await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(view, NewApi));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("clear", (string?)(await Json(response))["response_action"]);
        var posted = await bot.WaitForMessageAsync(t => t.Contains("Invoices API"), "the saved story posted to the channel");
        Assert.Equal(SlackRequests.Channel, (string?)posted.Json!["channel"]);

        await bot.SendSlackCommandAsync("about invoices");
        var story = await bot.WaitForMessageAsync(t => t.Contains("Send invoices that customers pay online.") && t.Contains("Billing teams"), "about invoices");
        Assert.Contains("Preview", story.VisibleText());
    }

    [Fact]
    public async Task The_modal_has_the_forms_inputs_within_Slacks_limits()
    {
        await using var bot = await BotApplication.StartAsync();

        var view = await OpenAddFormAsync(bot);

        Assert.Equal("modal", (string?)view["type"]);
        Assert.Equal("catalog.save", (string?)view["callback_id"]);
        Assert.Equal("Add an API", (string?)view["title"]!["text"]);
        Assert.Equal("Save", (string?)view["submit"]!["text"]);
        Assert.Equal("Cancel", (string?)view["close"]!["text"]);
        var inputs = Inputs(view);
        Assert.Equal(["id", "name", "pitch", "audience", "problem", "status", "version", "docsUrl", "owners"], inputs.Select(i => (string)i["block_id"]!));
        Assert.Equal("static_select", (string?)inputs.Single(i => (string?)i["block_id"] == "status")["element"]!["type"]);
        Assert.True((bool)inputs.Single(i => (string?)i["block_id"] == "audience")["element"]!["multiline"]!);
        Assert.False((bool)inputs.Single(i => (string?)i["block_id"] == "name")["optional"]!);
        Assert.Contains(SlackRequests.Channel, (string?)view["private_metadata"]);
        BlockKitLimits.AssertModal(view);
    }

    [Fact]
    public async Task A_submission_without_a_name_keeps_the_modal_open_with_the_error_and_stores_nothing()
    {
        await using var bot = await BotApplication.StartAsync();
        var view = await OpenAddFormAsync(bot);

        var response = await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(view, new Dictionary<string, string>(NewApi) { ["name"] = "" }));

        var body = await Json(response);
        Assert.Equal("errors", (string?)body["response_action"]);
        Assert.Equal("Give the API a name.", (string?)body["errors"]!["name"]);
        await bot.SendSlackCommandAsync("about invoices");
        await bot.WaitForMessageAsync(t => t.Contains("I don't know an API called"), "about invoices, which was not saved");
        Assert.DoesNotContain(bot.Slack.Calls("chat.postMessage"), c => c.VisibleText().Contains("Invoices API"));
    }

    [Fact]
    public async Task A_consumer_who_asks_to_add_an_api_is_told_politely_and_gets_no_modal()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackCommandAsync("api add", user: SlackRequests.Consumer);

        await bot.WaitForMessageAsync(t => t.Contains("Only product managers can add APIs"), "a polite refusal");
        Assert.Empty(bot.Slack.Calls("views.open"));
    }

    [Fact]
    public async Task The_owner_edits_payments_in_a_prefilled_modal()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackCommandAsync("api edit payments", user: SlackRequests.Owner);

        var view = (await bot.Slack.WaitForCallAsync("views.open")).Json!["view"]!.AsObject();
        var inputs = Inputs(view);
        Assert.DoesNotContain(inputs, i => (string?)i["block_id"] == "id");
        Assert.Equal("Payments API", (string?)inputs.Single(i => (string?)i["block_id"] == "name")["element"]!["initial_value"]);
        Assert.Equal("GA", (string?)inputs.Single(i => (string?)i["block_id"] == "status")["element"]!["initial_option"]!["value"]);
        BlockKitLimits.AssertModal(view);
    }

    [Fact]
    public async Task About_button_posts_the_story_and_Edit_button_opens_the_modal_with_that_clicks_trigger()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SendSlackCommandAsync("apis", user: SlackRequests.ProductManager);
        var list = await bot.Slack.WaitForCallAsync("chat.postMessage");
        var about = SlackTestKit.Button(list.Blocks(), "catalog.about");

        await bot.SendSlackInteractionAsync(SlackRequests.BlockAction((string)about["action_id"]!, (string)about["value"]!, user: SlackRequests.ProductManager));
        var story = await bot.WaitForMessageAsync(t => t.Contains("Checkout teams"), "the story after clicking About");

        var edit = SlackTestKit.Button(story.Blocks(), "catalog.edit");
        var click = SlackRequests.BlockAction((string)edit["action_id"]!, (string)edit["value"]!, user: SlackRequests.ProductManager);
        await bot.SendSlackInteractionAsync(click);
        var opened = await bot.Slack.WaitForCallAsync("views.open");
        Assert.Equal((string?)click["trigger_id"], (string?)opened.Json!["trigger_id"]);
        Assert.Equal("Payments API", (string?)Inputs(opened.Json["view"]!.AsObject()).Single(i => (string?)i["block_id"] == "name")["element"]!["initial_value"]);
    }

    [Fact]
    public async Task A_form_asked_for_in_a_direct_message_comes_as_a_button_that_opens_it()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackEventAsync(SlackRequests.Event(SlackRequests.DirectMessage("api add", user: SlackRequests.ProductManager)));

        var launcher = await bot.Slack.WaitForCallAsync("chat.postMessage");
        var button = SlackTestKit.Button(launcher.Blocks(), "catalog.add");
        await bot.SendSlackInteractionAsync(SlackRequests.BlockAction((string)button["action_id"]!, (string)button["value"]!, user: SlackRequests.ProductManager, channel: $"D{SlackRequests.ProductManager}"));
        var opened = await bot.Slack.WaitForCallAsync("views.open");
        Assert.Equal("catalog.save", (string?)opened.Json!["view"]!["callback_id"]);
    }

    [Fact]
    public async Task A_pitch_that_says_channel_never_pings_anyone()
    {
        await using var bot = await BotApplication.StartAsync();
        var view = await OpenAddFormAsync(bot);
        var sneaky = new Dictionary<string, string>(NewApi) { ["pitch"] = "Hey <!channel> and @everyone, read <https://evil.example|this> & more" };

        await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(view, sneaky));
        await bot.WaitForMessageAsync(t => t.Contains("Invoices API"), "the saved story");
        await bot.SendSlackCommandAsync("about invoices");
        var story = await bot.WaitForMessageAsync(t => t.Contains("Hey "), "the story with the pitch");

        var body = story.Body;
        Assert.Contains("&lt;!channel&gt;", story.VisibleText());
        Assert.Contains("&lt;https://evil.example|this&gt; &amp; more", story.VisibleText());
        Assert.DoesNotContain("<!channel>", story.VisibleText());
        Assert.DoesNotContain("link_names", body);
        var texts = BlockKitLimits.MrkdwnTexts(story.Json!["blocks"]).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.True((bool?)t["verbatim"]));
    }

    [Fact]
    public async Task A_form_drawn_in_a_message_saves_from_its_button_and_the_message_becomes_the_story()
    {
        await using var bot = await BotApplication.StartAsync();
        var click = SlackRequests.BlockAction("catalog.save|1", """{"mode":"add","apiId":"","etag":""}""", user: SlackRequests.ProductManager, messageTs: "1700000000.000777");
        var values = new JsonObject();
        foreach (var (input, value) in NewApi)
            values[input] = new JsonObject
            {
                ["input"] = input == "status"
                ? new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = value } }
                : new JsonObject { ["type"] = "plain_text_input", ["value"] = value }
            };
        click["state"] = new JsonObject { ["values"] = values };

        await bot.SendSlackInteractionAsync(click);

        var update = await bot.Slack.WaitForCallAsync("chat.update");
        Assert.Equal(SlackRequests.Channel, (string?)update.Json!["channel"]);
        Assert.Equal("1700000000.000777", (string?)update.Json["ts"]);
        Assert.Contains("Billing teams", update.VisibleText());
    }

    private static async Task<JsonObject> OpenAddFormAsync(BotApplication bot)
    {
        await bot.SendSlackCommandAsync("api add", user: SlackRequests.ProductManager);
        return (await bot.Slack.WaitForCallAsync("views.open")).Json!["view"]!.AsObject();
    }

    private static List<JsonObject> Inputs(JsonObject view) =>
        view["blocks"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["type"] == "input").ToList();

    private static async Task<JsonObject> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
