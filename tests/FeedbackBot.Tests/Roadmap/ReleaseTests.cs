using System.Text.Json.Nodes;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Tests.Feedback;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Roadmap;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ReleaseTests
{
    private static JsonObject InChannel(BotApplication bot, string text, string channel)
    {
        var activity = TeamsActivities.Message(bot, text, BotApplication.ProductManagerAad);
        activity["conversation"] = new JsonObject { ["id"] = channel, ["conversationType"] = "channel", ["tenantId"] = BotApplication.TenantId };
        return activity;
    }

    private static async Task<JsonNode> ExecuteAsync(BotApplication bot, string verb, JsonObject data, string fromAad = BotApplication.ProductManagerAad)
    {
        var response = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, verb, data, fromAad));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonObject Publish(string notes = "Refunds in any currency, and faster payouts.") => new()
    {
        ["apiId"] = "payments", ["version"] = "2.4", ["notes"] = notes, ["date"] = "2026-11-24", ["shipped"] = "RM-101",
        ["changelogUrl"] = "https://developer.example.com/payments/changelog", ["docsUrl"] = "", ["migrationUrl"] = "",
    };

    private static IEnumerable<RecordedRequest> Announcements(BotApplication bot) =>
        bot.Teams.Requests.Where(r => r.Method == "POST" && r.Body.Contains("Payments API 2.4 is out"));

    [Fact]
    public async Task Publishing_announces_in_every_subscribed_channel_once_and_closes_the_loop()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SendTeamsAsync(InChannel(bot, "digest here payments", "19:consumers-a@thread.tacv2"));
        await bot.SendTeamsAsync(InChannel(bot, "digest here all", "19:consumers-b@thread.tacv2"));
        await bot.Teams.WaitForAsync(r => r.Path.Contains("consumers-b"), "the second subscription confirmed");
        await ExecuteAsync(bot, "roadmap.save", new JsonObject
        {
            ["apiId"] = "payments", ["itemId"] = "", ["etag"] = "", ["title"] = "Refunds in any currency", ["description"] = "", ["status"] = "InProgress", ["target"] = "",
        });
        await ExecuteAsync(bot, "roadmap.follow", new JsonObject { ["itemId"] = "RM-101" }, BotApplication.ConsumerAad);

        var form = await ExecuteAsync(bot, "release.publish.open", new JsonObject { ["apiId"] = "payments", ["version"] = "2.4" });
        var preview = await ExecuteAsync(bot, "release.publish", Publish());
        var beforeConfirm = Announcements(bot).Count();
        var published = await ExecuteAsync(bot, "release.confirm", Publish());
        var again = await ExecuteAsync(bot, "release.confirm", Publish());

        Assert.Contains("RM-101", form.ToJsonString());
        Assert.Contains("goes to 2 channel(s); 1 people hear", preview.ToJsonString());
        Assert.Equal(0, beforeConfirm);
        Assert.Contains("Payments API 2.4 is out", published["value"]!.ToJsonString());
        Assert.Equal(2, Announcements(bot).Count(r => !r.Body.Contains("\"conversationType\":\"personal\"")));
        Assert.Contains(Announcements(bot), r => r.Path.Contains("consumers-a"));
        Assert.Contains(Announcements(bot), r => r.Path.Contains("consumers-b"));
        Assert.Contains("https://developer.example.com/payments/changelog", Announcements(bot).First().Body);
        Assert.NotNull(again);
        var item = await bot.Services.GetRequiredService<IRoadmapStore>().GetAsync($"teams:{BotApplication.TenantId}", "RM-101", default);
        Assert.Equal(RoadmapStatus.Shipped, item!.Item.Status);
        Assert.Single(bot.Teams.Requests, r => r.Body.Contains("Shipped: Refunds in any currency"));
    }

    [Fact]
    public async Task A_release_without_notes_is_refused_field_by_field_and_nothing_is_posted()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.SendTeamsAsync(InChannel(bot, "digest here payments", "19:consumers-a@thread.tacv2"));

        var refused = await ExecuteAsync(bot, "release.publish", Publish(notes: ""));
        var consumer = await ExecuteAsync(bot, "release.confirm", Publish(), BotApplication.ConsumerAad);

        Assert.Contains("Write the release notes", refused["value"]!.ToJsonString());
        Assert.Contains("Only the owners of Payments API and product managers", consumer["value"]!.ToString());
        Assert.Empty(Announcements(bot));
    }
}
