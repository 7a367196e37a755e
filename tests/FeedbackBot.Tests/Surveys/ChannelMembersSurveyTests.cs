using System.Text.Json.Nodes;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Member = FeedbackBot.Tests.Infrastructure.FakeTeamsConnector.Member;

namespace FeedbackBot.Tests.Surveys;

/// <summary>
/// A survey to "the members of this channel" (the default audience), on both platforms: the bot reads the channel's
/// member list from the platform (every page), sends each person the card in their own chat (never the bot itself),
/// takes their answers from the platform's own click, and the PM reads the results.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ChannelMembersSurveyTests
{
    private const string TeamsChannel = "19:channel@thread.tacv2";

    private static Task<BotApplication> StartAsync() => BotApplication.StartAsync(s => s["Surveys:TickCron"] = Cron.Never());

    private static ISurveyStore Store(BotApplication bot) => bot.Services.GetRequiredService<ISurveyStore>();

    /// <summary>The PM types the command in the channel (a Teams channel message's conversation names its thread).</summary>
    private static async Task CreateInTeamsChannelAsync(BotApplication bot, string command)
    {
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, command, BotApplication.ProductManagerAad, conversationType: "channel"));
        await bot.Teams.WaitForAsync(r => r.Body.Contains("Survey SV-101"), "the survey confirmation");
        await SurveyKit.HangfireIdleAsync(bot);
    }

    /// <summary>Survey cards sent into the personal chat the bot opened with <paramref name="teamsUserId"/> (29:…).</summary>
    private static List<RecordedRequest> TeamsCardsTo(BotApplication bot, string teamsUserId) =>
        bot.Teams.Created.Where(c => c.Members.SequenceEqual([teamsUserId]))
            .SelectMany(c => bot.Teams.Sent.Where(r => r.Path.EndsWith($"/{c.Id}/activities", StringComparison.Ordinal)))
            .Where(r => r.Body.Contains(SurveyVerbs.Answer) && r.Body.Contains("recommend the Payments API"))
            .ToList();

    private static async Task<string> AnswerOnTeamsAsync(BotApplication bot, string fromAad, string value)
    {
        var data = new JsonObject { ["runId"] = "SV-101-1", ["q"] = "q1", ["value"] = value };
        var response = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, SurveyVerbs.Answer, data, fromAad));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Clicks the button showing <paramref name="value"/> on the survey card the bot sent to <paramref name="user"/>'s DM.</summary>
    private static async Task AnswerOnSlackAsync(BotApplication bot, string user, string value)
    {
        var card = bot.Slack.Calls("chat.postMessage").Single(c => (string?)c.Json!["channel"] == $"D{user}" && c.Body.Contains(SurveyVerbs.Answer));
        var button = card.Blocks().OfType<JsonObject>().Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>())
            .Single(e => (string?)e["text"]?["text"] == value);
        await bot.SendSlackInteractionAsync(SlackRequests.BlockAction((string)button["action_id"]!, (string)button["value"]!, user, $"D{user}"));
        await bot.Slack.WaitForCallAsync("chat.update", j => (string?)j["channel"] == $"D{user}" && SlackTestKit.VisibleText(j).Contains($"Thanks! Your answer: {value}"),
            $"{user}'s card updated with their answer {value}");
    }

    [Fact]
    public async Task On_teams_each_member_of_the_channel_gets_the_card_personally_answers_it_and_the_pm_sees_the_nps()
    {
        await using var bot = await StartAsync();
        bot.Teams.MembersPageSize = 3;
        bot.Teams.SetMembers(TeamsChannel,
            Member.Person("aad-m1"), Member.Person("aad-m2"), Member.Bot(),
            Member.Person("aad-m3"), Member.Person(BotApplication.ProductManagerAad));

        await CreateInTeamsChannelAsync(bot, "survey new nps payments");

        // Two roster pages, read from the channel itself (the thread's ;messageid= stripped), the second by its token.
        var reads = bot.Teams.RosterReads.ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.StartsWith($"/v3/conversations/{TeamsChannel}/pagedmembers", r.Path));
        Assert.Contains("continuationToken=3", reads[1].Path);
        // One personal chat per person, opened in the channel's tenant; none with the bot.
        Assert.Equal(["29:aad-m1", "29:aad-m2", "29:aad-m3", $"29:{BotApplication.ProductManagerAad}"],
            bot.Teams.Created.SelectMany(c => c.Members).Order(StringComparer.Ordinal));
        Assert.All(bot.Teams.Created, c => Assert.Equal(BotApplication.TenantId, c.TenantId));
        foreach (var member in new[] { "aad-m1", "aad-m2", "aad-m3", BotApplication.ProductManagerAad })
            Assert.Single(TeamsCardsTo(bot, $"29:{member}"));

        Assert.Contains("Thanks! Your answer: 3", await AnswerOnTeamsAsync(bot, "aad-m1", "3"));
        Assert.Contains("Thanks! Your answer: 8", await AnswerOnTeamsAsync(bot, "aad-m2", "8"));
        Assert.Contains("Thanks! Your answer: 10", await AnswerOnTeamsAsync(bot, "aad-m3", "10"));
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "survey results SV-101", BotApplication.ProductManagerAad));
        var results = await bot.Teams.WaitForAsync(r => r.Body.Contains("Results: NPS: Payments API"), "the results card");

        var compact = results.Body.Replace(" ", "");
        Assert.Contains("\"title\":\"NPS\",\"value\":\"0\"", compact);
        Assert.Contains("1 promoter, 1 passive, 1 detractor", results.Body);
        Assert.Contains("3 of 4 (75%)", results.Body);
        Assert.Equal(4, (await Store(bot).GetRunAsync(SurveyKit.Tenant, "SV-101", 1, default))!.Recipients);
    }

    [Fact]
    public async Task On_teams_a_member_listed_twice_and_the_bot_in_the_roster_do_not_get_an_extra_card()
    {
        await using var bot = await StartAsync();
        bot.Teams.MembersPageSize = 2;
        bot.Teams.SetMembers(TeamsChannel,
            Member.Person("aad-m1"), Member.Bot(), Member.Person("aad-m1"), Member.Bot("28:another-bot"), Member.Person("aad-m2"));

        await CreateInTeamsChannelAsync(bot, "survey new nps payments members");

        Assert.Equal(3, bot.Teams.RosterReads.Count());
        Assert.Single(TeamsCardsTo(bot, "29:aad-m1"));
        Assert.Single(TeamsCardsTo(bot, "29:aad-m2"));
        Assert.Equal(["29:aad-m1", "29:aad-m2"], bot.Teams.Created.SelectMany(c => c.Members).Order(StringComparer.Ordinal));
        var recipients = await Store(bot).ListRecipientsAsync(SurveyKit.Tenant, "SV-101-1", default);
        Assert.Equal(["teams:aad-m1", "teams:aad-m2"], recipients.Select(r => r.Person.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task On_slack_each_member_of_the_channel_gets_the_card_by_dm_but_the_bot_does_not_and_the_pm_sees_the_nps()
    {
        await using var bot = await StartAsync();
        bot.Slack.MembersPageSize = 3;
        bot.Slack.SetChannelMembers(SlackRequests.Channel, "UM1", "UM2", SlackRequests.BotUser, "UM3", SlackRequests.ProductManager);

        await bot.SendSlackCommandAsync("survey new nps payments", SlackRequests.ProductManager, SlackRequests.Channel);
        await bot.Slack.WaitForAsync(r => r.Path is "/api/chat.postMessage" or "/api/chat.postEphemeral" && r.VisibleText().Contains("Survey SV-101"), "the survey confirmation");
        await SurveyKit.HangfireIdleAsync(bot);

        var reads = bot.Slack.Calls("conversations.members");
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal(SlackRequests.Channel, (string?)r.Json!["channel"]));
        Assert.Null(reads[0].Json!["cursor"]);
        Assert.False(string.IsNullOrEmpty((string?)reads[1].Json!["cursor"]));
        string[] people = ["UM1", "UM2", "UM3", SlackRequests.ProductManager];
        Assert.Equal(people.Order(StringComparer.Ordinal), bot.Slack.Calls("conversations.open").Select(c => (string)c.Json!["users"]!).Order(StringComparer.Ordinal));
        foreach (var person in people)
        {
            var cards = bot.Slack.Calls("chat.postMessage").Where(c => (string?)c.Json!["channel"] == $"D{person}" && c.Body.Contains(SurveyVerbs.Answer)).ToList();
            Assert.Contains("recommend the Payments API", Assert.Single(cards).VisibleText());
        }
        Assert.DoesNotContain(bot.Slack.Requests, r => r.Body.Contains(SlackRequests.BotUser) && r.Path is "/api/conversations.open" or "/api/chat.postMessage");

        await AnswerOnSlackAsync(bot, "UM1", "3");
        await AnswerOnSlackAsync(bot, "UM2", "8");
        await AnswerOnSlackAsync(bot, "UM3", "10");
        await bot.SendSlackCommandAsync("survey results SV-101", SlackRequests.ProductManager, SlackRequests.Channel);
        var results = await bot.WaitForMessageAsync(t => t.Contains("Results: NPS: Payments API"), "the results");

        var visible = results.VisibleText();
        Assert.Contains("*NPS*\n0", visible);
        Assert.Contains("1 promoter, 1 passive, 1 detractor", visible);
        Assert.Contains("3 of 4 (75%)", visible);
    }

    [Fact]
    public async Task On_slack_a_channel_whose_members_cannot_be_read_still_gets_its_survey_and_nobody_is_sent_anything()
    {
        await using var bot = await StartAsync();
        bot.Slack.SetChannelMembers(SlackRequests.Channel, "UM1", "UM2");
        bot.Slack.FailNext("conversations.members", "channel_not_found");

        await bot.SendSlackCommandAsync("survey new nps payments", SlackRequests.ProductManager, SlackRequests.Channel);
        var confirmation = await bot.Slack.WaitForAsync(r => r.Path is "/api/chat.postMessage" or "/api/chat.postEphemeral" && r.VisibleText().Contains("Survey SV-101"), "the survey confirmation");
        await SurveyKit.HangfireIdleAsync(bot);

        Assert.Contains("I found no members to ask", confirmation.VisibleText());
        Assert.Empty(bot.Slack.Calls("conversations.open"));
        var run = await Store(bot).GetRunAsync($"slack:{SlackRequests.Team}", "SV-101", 1, default);
        Assert.Equal(0, run!.Recipients);
    }
}
