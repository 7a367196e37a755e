using System.Text.Json.Nodes;
using FeedbackBot.Core.GoToMarket;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.GoToMarket;

public sealed class SlackReleasePlanTests
{
    private static readonly string Tenant = $"slack:{SlackRequests.Team}";

    private static async Task<JsonObject> OpenedViewAsync(BotApplication bot, int index)
    {
        await bot.Slack.WaitForAsync(r => r.Path == "/api/views.open" && bot.Slack.Calls("views.open").Count > index, $"modal #{index + 1}");
        return bot.Slack.Calls("views.open")[index].Json!["view"]!.AsObject();
    }

    [Fact]
    public async Task A_product_manager_edits_the_checklist_in_a_modal()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackCommandAsync("gtm template", user: SlackRequests.ProductManager);
        var view = await OpenedViewAsync(bot, 0);
        await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(view, new Dictionary<string, string> { ["steps"] = "Docs updated | owner | 4 | required" }));
        await bot.WaitForMessageAsync(t => t.Contains("due 4 day(s) before"), "the saved checklist");

        var stored = await bot.Services.GetRequiredService<IGtmTemplateStore>().GetAsync(Tenant, default);
        Assert.Equal("Docs updated", Assert.Single(stored!.Steps).Title);
    }

    [Fact]
    public async Task Owners_are_picked_with_slacks_user_picker_and_marking_a_step_done_updates_the_channels_card()
    {
        await using var bot = await BotApplication.StartAsync();

        await bot.SendSlackCommandAsync("release payments 2.4", user: SlackRequests.ProductManager);
        var form = await OpenedViewAsync(bot, 0);
        var pickers = form["blocks"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["element"]?["type"] == "users_select").ToList();
        await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(form, new Dictionary<string, string>()));
        var card = await bot.WaitForMessageAsync(t => t.Contains("0 of 7 steps done"), "the readiness card in the channel");

        Assert.Equal(7, pickers.Count);
        Assert.Equal(SlackRequests.Owner, (string?)pickers.Single(b => (string?)b["block_id"] == "owner-docs")["element"]!["initial_user"]);
        var plan = await bot.Services.GetRequiredService<IReleasePlanStore>().GetAsync(Tenant, "payments", "2.4", default);
        Assert.Equal($"slack:{SlackRequests.Owner}", plan!.Step("docs")!.Owner.Key);

        var update = SlackTestKit.Button(card.Blocks(), GoToMarketVerbs.Step);
        await bot.SendSlackInteractionAsync(SlackRequests.BlockAction((string)update["action_id"]!, (string)update["value"]!, user: SlackRequests.Owner,
            messageTs: (string?)card.Json!["ts"] ?? "1700000000.000001"));
        var stepForm = await OpenedViewAsync(bot, 1);
        await bot.SendSlackInteractionAsync(SlackRequests.ViewSubmission(stepForm,
            new Dictionary<string, string> { ["outcome"] = "done", ["link"] = "https://developer.example.com/payments/2.4" }, user: SlackRequests.Owner));

        var updated = await bot.Slack.WaitForAsync(r => r.Path == "/api/chat.update" && r.VisibleText().Contains("1 of 7 steps done"), "the channel's card updated");
        Assert.Equal(plan.Card!.MessageId, (string?)updated.Json!["ts"]);
    }
}
