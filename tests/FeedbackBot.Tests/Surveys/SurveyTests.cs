using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Storage;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Surveys;

/// <summary>Surveys end to end on Teams: create, answer from the card, results, anonymity, closed runs, bad input, CSV.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SurveyTests
{
    private static string Tenant => $"teams:{BotApplication.TenantId}";

    private static async Task<string> AnswerAsync(BotApplication bot, string fromAad, string value, string runId = "SV-101-1", string q = "q1", JsonObject? extra = null)
    {
        var data = new JsonObject { ["runId"] = runId, ["q"] = q, ["value"] = value };
        foreach (var (k, v) in extra ?? []) data[k] = v?.DeepClone();
        var response = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, SurveyVerbs.Answer, data, fromAad));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task CreateAsync(BotApplication bot, string arguments)
    {
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, $"survey new {arguments}", BotApplication.ProductManagerAad, conversationType: "channel"));
        await bot.Teams.WaitForAsync(r => r.Body.Contains("Survey SV-101"), "the survey confirmation");
    }

    [Fact]
    public async Task An_nps_survey_in_a_channel_is_answered_and_the_results_card_shows_the_nps_and_counts()
    {
        await using var bot = await BotApplication.StartAsync();
        await CreateAsync(bot, "nps payments channel");
        await bot.Teams.WaitForAsync(r => r.Body.Contains("recommend the Payments API to a colleague") && r.Body.Contains("survey.answer"), "the survey card in the channel");

        Assert.Contains("Thanks! Your answer: 3", await AnswerAsync(bot, "aad-a", "3"));
        await AnswerAsync(bot, "aad-b", "8");
        await AnswerAsync(bot, "aad-c", "10");
        // Each clicker alone sees their thanks (in the card the click returns): the channel is never told who answered what.
        Assert.DoesNotContain(bot.Teams.Sent, r => r.Body.Contains("Your answer"));
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "survey results SV-101", BotApplication.ProductManagerAad));
        var results = await bot.Teams.WaitForAsync(r => r.Body.Contains("Results: NPS: Payments API"), "the results card");

        Assert.Contains("1 promoter, 1 passive, 1 detractor", results.Body);
        Assert.Contains("\"value\":\"0\"", results.Body.Replace(" ", ""));
    }

    [Fact]
    public async Task Anonymous_answers_store_no_user_id_and_a_second_answer_replaces_the_first()
    {
        await using var bot = await BotApplication.StartAsync();
        await CreateAsync(bot, "nps payments channel anonymous");

        await AnswerAsync(bot, "aad-secret-person", "2");
        await AnswerAsync(bot, "aad-secret-person", "9");

        var table = await bot.Services.GetRequiredService<Tables>().GetAsync(Tables.SurveyResponses);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>()) rows.Add(row);
        var row1 = Assert.Single(rows);
        Assert.DoesNotContain(row1.Keys, key => row1[key]?.ToString()?.Contains("aad-secret-person") == true);
        Assert.Contains("\"q1\":\"9\"", row1.GetString("Answers"));
    }

    [Fact]
    public async Task Bad_input_is_refused_clearly_and_changes_nothing()
    {
        await using var bot = await BotApplication.StartAsync();
        await CreateAsync(bot, "nps payments channel");
        var store = bot.Services.GetRequiredService<ISurveyStore>();

        var outside = await AnswerAsync(bot, "aad-a", "11");
        var unknown = await AnswerAsync(bot, "aad-a", "5", runId: "SV-999-1");
        var forged = await AnswerAsync(bot, "aad-a", "7", extra: new JsonObject { ["respondent"] = "teams:aad-victim" });
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "survey close SV-101", BotApplication.ProductManagerAad));
        await bot.Teams.WaitForAsync(r => r.Body.Contains("SV-101 is closed"), "the close confirmation");
        var closed = await AnswerAsync(bot, "aad-b", "9");

        Assert.Contains("Give a whole number from 0 to 10", outside);
        Assert.Contains("I don't know that survey", unknown);
        Assert.Contains("answers are no longer recorded", closed);
        // Told when it really closed (just now), not its planned closing days later; a minute may have turned meanwhile.
        var now = bot.Clock.GetUtcNow();
        Assert.True(closed.Contains($"closed on {now:d MMM yyyy HH:mm} UTC") || closed.Contains($"closed on {now.AddMinutes(-1):d MMM yyyy HH:mm} UTC"), closed);
        var responses = await store.ListResponsesAsync(Tenant, "SV-101-1", default);
        var only = Assert.Single(responses);
        Assert.Equal("teams:aad-a", only.Respondent!.Key);
        Assert.Equal("7", only.Answers["q1"]);
    }

    [Fact]
    public async Task The_csv_export_needs_the_tenants_own_key_and_quotes_answers()
    {
        await using var bot = await BotApplication.StartAsync(s =>
        {
            s["Surveys:ExportKeys:0:Tenant"] = Tenant;
            s["Surveys:ExportKeys:0:Key"] = "csv-key-of-tenant-1";
            s["Surveys:ExportKeys:1:Tenant"] = "teams:other";
            s["Surveys:ExportKeys:1:Key"] = "csv-key-of-the-other-tenant";
        });
        await CreateAsync(bot, "nps payments channel");
        await AnswerAsync(bot, "aad-a", "6");
        var url = $"/api/surveys/SV-101/responses.csv?tenant={Uri.EscapeDataString(Tenant)}";

        var without = await bot.CreateClient().GetAsync(url);
        var wrong = await WithKey(bot, "wrong").GetAsync(url);
        var otherTenantsKey = await WithKey(bot, "csv-key-of-the-other-tenant").GetAsync(url);
        var right = WithKey(bot, "csv-key-of-tenant-1");
        var csv = await right.GetStringAsync(url);
        var otherTenant = await right.GetAsync("/api/surveys/SV-101/responses.csv?tenant=teams:other");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherTenantsKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherTenant.StatusCode);
        Assert.Contains("SV-101-1,teams:aad-a,", csv);
        Assert.Contains(",6,", csv);
    }

    private static HttpClient WithKey(BotApplication bot, string key)
    {
        var client = bot.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Fact]
    public async Task The_list_shows_each_survey_with_a_results_button_only_product_managers_can_use()
    {
        await using var bot = await BotApplication.StartAsync();
        await CreateAsync(bot, "nps payments channel");
        await AnswerAsync(bot, "aad-a", "9");

        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "survey list", BotApplication.ProductManagerAad));
        var list = await bot.Teams.WaitForAsync(r => r.Body.Contains("Surveys (1)"), "the survey list");
        Assert.Contains("NPS: Payments API", list.Body);
        Assert.Contains("active · one card in the channel · once · 1 run(s)", list.Body);
        Assert.Contains(SurveyVerbs.Results, list.Body);

        // The list stays; the results arrive as a card of their own.
        await bot.SendTeamsAsync(TeamsActivities.Execute(bot, SurveyVerbs.Results, new JsonObject { ["surveyId"] = "SV-101" }, BotApplication.ProductManagerAad));
        var results = await bot.Teams.WaitForAsync(r => r.Body.Contains("Results: NPS: Payments API"), "the results card");
        Assert.Contains("1 promoter, 0 passives, 0 detractors", results.Body);
        var refused = await bot.SendTeamsAsync(TeamsActivities.Execute(bot, SurveyVerbs.Results, new JsonObject { ["surveyId"] = "SV-101" }, "aad-a"));
        Assert.Contains("Only product managers see survey results.", await refused.Content.ReadAsStringAsync());
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "survey list", "aad-a"));
        await bot.Teams.WaitForAsync(r => r.Body.Contains("Only product managers see the surveys."), "the consumer's refusal");
    }
}
