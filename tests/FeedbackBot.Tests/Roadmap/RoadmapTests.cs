using System.Text.Json.Nodes;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Tests.Feedback;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Roadmap;

/// <summary>The road map on both platforms: create, move, vote and follow, accept a report into it, ship it and close the loop.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class RoadmapTests
{
    private static string Tenant => $"teams:{BotApplication.TenantId}";

    private static JsonObject NewItem(string title = "Refunds in any currency", string status = "Planned") => new()
    {
        ["apiId"] = "payments", ["itemId"] = "", ["etag"] = "", ["title"] = title,
        ["description"] = "Refund in the currency the customer paid in.", ["status"] = status, ["target"] = "2027-q1",
    };

    private static async Task<JsonNode> ExecuteAsync(BotApplication bot, string verb, JsonObject data, string fromAad = BotApplication.ProductManagerAad)
    {
        var response = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, verb, data, fromAad));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static Task<RoadmapItem?> ItemAsync(BotApplication bot, string itemId) =>
        bot.Services.GetRequiredService<IRoadmapStore>().GetAsync(Tenant, itemId, default).ContinueWith(t => t.Result?.Item);

    [Fact]
    public async Task A_pm_adds_an_item_from_the_form_and_everyone_sees_it_grouped_by_status()
    {
        await using var bot = await BotApplication.StartAsync();

        var saved = await ExecuteAsync(bot, "roadmap.save", NewItem());
        var invalid = await ExecuteAsync(bot, "roadmap.save", NewItem("", "Someday"));
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "roadmap payments"));
        var shown = await bot.Teams.WaitForAsync(r => r.Body.Contains("Payments API road map"), "the road map card");
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "roadmap"));
        var list = await bot.Teams.WaitForAsync(r => r.Body.Contains("Road maps"), "the list of road maps");

        Assert.Contains("RM-101", saved["value"]!.ToJsonString());
        Assert.Equal("2027-Q1", (await ItemAsync(bot, "RM-101"))!.Target);
        Assert.Contains("Give the item a title.", invalid["value"]!.ToJsonString());
        Assert.Contains("Pick a status.", invalid["value"]!.ToJsonString());
        Assert.Null(await ItemAsync(bot, "RM-102"));
        Assert.Contains("Planned", shown.Body);
        Assert.Contains("Refunds in any currency", shown.Body);
        Assert.Contains("roadmap.vote", shown.Body);
        Assert.Contains("Payments API", list.Body);
    }

    [Fact]
    public async Task Editing_an_item_saves_on_the_version_it_started_from_and_a_stale_edit_is_refused()
    {
        await using var bot = await BotApplication.StartAsync();
        await ExecuteAsync(bot, "roadmap.save", NewItem());
        var opened = await ExecuteAsync(bot, "roadmap.edit", new JsonObject { ["itemId"] = "RM-101" });
        var save = opened["value"]!["actions"]!.AsArray().First(a => (string?)a!["verb"] == "roadmap.save")!;
        var etag = (string)save["data"]!["etag"]!;
        JsonObject Edit(string title) => new()
        {
            ["apiId"] = "payments", ["itemId"] = "RM-101", ["etag"] = etag, ["title"] = title,
            ["description"] = "Refunds settle in the original currency.", ["status"] = "InProgress", ["target"] = "2027-Q2",
        };

        var saved = await ExecuteAsync(bot, "roadmap.save", Edit("Refunds in the original currency"));
        var stale = await ExecuteAsync(bot, "roadmap.save", Edit("A stale edit"));

        Assert.Contains("roadmap.save", opened["value"]!.ToJsonString());
        Assert.Contains("Refunds in the original currency", saved["value"]!.ToJsonString());
        var item = (await ItemAsync(bot, "RM-101"))!;
        Assert.Equal(("Refunds in the original currency", RoadmapStatus.InProgress, "2027-Q2"), (item.Title, item.Status, item.Target));
        Assert.NotNull(stale);
        await bot.Teams.WaitForAsync(r => r.Body.Contains("Someone changed RM-101 while you were editing"), "the stale edit refused");
    }

    [Fact]
    public async Task A_consumer_cannot_add_or_move_items()
    {
        await using var bot = await BotApplication.StartAsync();
        await ExecuteAsync(bot, "roadmap.save", NewItem());

        var add = await ExecuteAsync(bot, "roadmap.save", NewItem("Sneaky"), BotApplication.ConsumerAad);
        var move = await ExecuteAsync(bot, "roadmap.move", new JsonObject { ["itemId"] = "RM-101", ["status"] = "Dropped", ["note"] = "" }, BotApplication.ConsumerAad);

        Assert.Contains("Nothing changed", add["value"]!.ToString());
        Assert.Contains("Nothing changed", move["value"]!.ToString());
        Assert.Equal(RoadmapStatus.Planned, (await ItemAsync(bot, "RM-101"))!.Status);
        Assert.Null(await ItemAsync(bot, "RM-102"));
    }

    [Fact]
    public async Task Votes_and_follows_count_once_per_person_under_concurrent_clicks()
    {
        await using var bot = await BotApplication.StartAsync();
        await ExecuteAsync(bot, "roadmap.save", NewItem());

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => ExecuteAsync(bot, i % 2 == 0 ? "roadmap.vote" : "roadmap.follow",
            new JsonObject { ["itemId"] = "RM-101" }, $"aad-fan-{i % 4}")));

        var item = (await ItemAsync(bot, "RM-101"))!;
        Assert.Equal((2, 2), (item.Votes, item.Followers));
    }

    [Fact]
    public async Task Shipping_tells_each_reporter_voter_and_follower_exactly_once()
    {
        await using var bot = await BotApplication.StartAsync();
        await ExecuteAsync(bot, "roadmap.save", NewItem());
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Refunds only in EUR", "We need refunds in USD."));
        var accepted = await bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1001", ["priority"] = "P2", ["roadmapItem"] = "RM-101" });
        await ExecuteAsync(bot, "roadmap.vote", new JsonObject { ["itemId"] = "RM-101" }, BotApplication.ConsumerAad);
        await ExecuteAsync(bot, "roadmap.follow", new JsonObject { ["itemId"] = "RM-101" }, BotApplication.ConsumerAad);
        await ExecuteAsync(bot, "roadmap.vote", new JsonObject { ["itemId"] = "RM-101" }, "aad-voter");
        await ExecuteAsync(bot, "roadmap.follow", new JsonObject { ["itemId"] = "RM-101" }, "aad-follower");

        var shipped = await ExecuteAsync(bot, "roadmap.move", new JsonObject { ["itemId"] = "RM-101", ["status"] = "Shipped", ["note"] = "Live for everyone today." });
        var again = await ExecuteAsync(bot, "roadmap.move", new JsonObject { ["itemId"] = "RM-101", ["status"] = "Shipped", ["note"] = "" });

        Assert.Equal(["FB-1001"], (await ItemAsync(bot, "RM-101"))!.LinkedReports);
        Assert.NotNull(accepted);
        await bot.Teams.WaitForAsync(r => r.Body.Contains("FB-1001 is linked to road map item RM-101"), "the PM told the report is linked");
        Assert.Contains("Shipped", shipped["value"]!.ToJsonString());
        Assert.NotNull(again);
        await bot.Teams.WaitForAsync(r => r.Body.Contains("RM-101 is already Shipped"), "a second ship changes nothing");
        var told = bot.Teams.Requests.Where(r => r.Body.Contains("Shipped: Refunds in any currency")).ToList();
        Assert.Equal(3, told.Count);
        Assert.Single(told, r => r.Body.Contains("aad-consumer-1"));
        Assert.Contains("Live for everyone today.", told[0].Body);
        Assert.Contains(told, r => r.Body.Contains("you reported FB-1001, you voted for it, you follow it"));
    }

    [Fact]
    public async Task Accepting_a_report_into_a_new_item_creates_it_from_the_report()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SubmitReportAsync(TeamsFeedbackKit.BugForm("Webhooks for refunds", "Tell us when a refund settles."));

        await bot.TriageAsync("feedback.accept", new JsonObject { ["shortId"] = "FB-1001", ["priority"] = "P3", ["roadmapItem"] = "new" });

        var item = (await ItemAsync(bot, "RM-101"))!;
        Assert.Equal(("Webhooks for refunds", RoadmapStatus.Considering), (item.Title, item.Status));
        Assert.Equal(["FB-1001"], item.LinkedReports);
    }

    [Fact]
    public async Task On_slack_a_pm_creates_an_item_in_a_modal_and_moves_it_from_the_item_card()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SendSlackCommandAsync("roadmap add payments", SlackRequests.ProductManager);
        var view = (await bot.Slack.WaitForCallAsync("views.open")).Json!["view"]!.AsObject();
        await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(view, new Dictionary<string, string>
        {
            ["title"] = "Refunds in any currency", ["description"] = "Refund in the customer's currency.", ["status"] = "Planned", ["target"] = "2027-03",
        }));
        var itemCard = await bot.WaitForMessageAsync(t => t.Contains("RM-101"), "the new item's card");

        var move = SlackTestKit.Button(itemCard.Blocks(), "roadmap.move");
        var click = SlackRequests.BlockAction((string)move["action_id"]!, (string)move["value"]!, SlackRequests.ProductManager);
        click["state"] = new JsonObject
        {
            ["values"] = new JsonObject
            {
                ["status"] = new JsonObject { ["input"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "InProgress" } } },
                ["note"] = new JsonObject { ["input"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "" } },
            },
        };
        await bot.SendSlackInteractionAsync(click);

        await bot.Slack.WaitForCallAsync("chat.update", j => j.ToJsonString().Contains("In progress"), "the item card updated");
        var stored = await bot.Services.GetRequiredService<IRoadmapStore>().GetAsync($"slack:{SlackRequests.Team}", "RM-101", default);
        Assert.Equal(RoadmapStatus.InProgress, stored!.Item.Status);
    }
}
