using System.Buffers.Binary;
using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Slack;
using FeedbackBot.Surveys;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Surveys;

/// <summary>The results card's distribution: a signed chart image when the bot has a public address, text bars when not.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SurveyChartTests
{
    private const string PublicBase = "https://feedbackbot.example.com";
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static Task<BotApplication> StartAsync(bool publicAddress) =>
        BotApplication.StartAsync(s => { if (publicAddress) s["Surveys:PublicBaseUrl"] = PublicBase; });

    /// <summary>An NPS survey in the channel, answered 3, 8 and 10.</summary>
    private static async Task AnsweredSurveyAsync(BotApplication bot)
    {
        await bot.SendTeamsAsync(TeamsActivities.Message(bot, "survey new nps payments channel", BotApplication.ProductManagerAad, conversationType: "channel"));
        await bot.Teams.WaitForAsync(r => r.Body.Contains("Survey SV-101"), "the survey confirmation");
        foreach (var (person, score) in new[] { ("aad-a", "3"), ("aad-b", "8"), ("aad-c", "10") }) await AnswerAsync(bot, person, score);
    }

    private static Task AnswerAsync(BotApplication bot, string fromAad, string value) =>
        bot.SendTeamsAsync(TeamsActivities.Execute(bot, SurveyVerbs.Answer, new JsonObject { ["runId"] = "SV-101-1", ["q"] = "q1", ["value"] = value }, fromAad));

    /// <summary>Asks for the results and returns the card the bot sent (not one it sent before).</summary>
    private static async Task<JsonObject> ResultsCardAsync(BotApplication bot)
    {
        var sent = await bot.SayInTeamsAsync(TeamsActivities.Message(bot, "survey results SV-101", BotApplication.ProductManagerAad),
            r => r.Body.Contains("Results: NPS: Payments API"), "the results card");
        return JsonNode.Parse(sent.Body)!["attachments"]![0]!["content"]!.AsObject();
    }

    private static IEnumerable<JsonObject> Body(JsonObject card) => card["body"]!.AsArray().OfType<JsonObject>();

    private static JsonObject? Image(JsonObject card) => Body(card).SingleOrDefault(e => (string?)e["type"] == "Image");

    /// <summary>The monospace distribution rows ("10  ██████████ 1").</summary>
    private static List<string> TextBars(JsonObject card) =>
        Body(card).Where(e => (string?)e["fontType"] == "Monospace").Select(e => (string)e["text"]!).ToList();

    /// <summary>What the platform fetches: the card's image address, asked of the app under test.</summary>
    private static string Local(string url) => new Uri(url).PathAndQuery;

    [Fact]
    public async Task With_a_public_address_the_results_card_shows_a_chart_that_the_platform_can_fetch()
    {
        await using var bot = await StartAsync(publicAddress: true);
        await AnsweredSurveyAsync(bot);

        var card = await ResultsCardAsync(bot);
        var image = Image(card);
        Assert.NotNull(image);
        var url = (string)image["url"]!;
        var chart = await bot.CreateClient().GetAsync(Local(url));
        var png = await chart.Content.ReadAsByteArrayAsync();
        var slack = BlockKitRenderer.Message(card, "Results of SV-101").Blocks.OfType<JsonObject>().Single(b => (string?)b["type"] == "image");

        Assert.StartsWith($"{PublicBase}/api/surveys/SV-101/runs/1/chart.png?tenant=teams%3A{BotApplication.TenantId}&sig=", url);
        Assert.Contains("0: 0, 1: 0, 2: 0, 3: 1, 4: 0, 5: 0, 6: 0, 7: 0, 8: 1, 9: 0, 10: 1", (string)image["altText"]!);
        Assert.Empty(TextBars(card));
        Assert.Equal(url, (string?)slack["image_url"]);
        Assert.Equal((string)image["altText"]!, (string?)slack["alt_text"]);

        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/png", chart.Content.Headers.ContentType?.MediaType);
        Assert.True(chart.Headers.CacheControl is { Public: true, MaxAge: { } maxAge } && maxAge <= TimeSpan.FromMinutes(5), chart.Headers.CacheControl?.ToString());
        Assert.Equal(PngSignature, png[..8]);
        // IHDR, the first chunk, holds the width and height (big-endian) right after the signature, length and type.
        Assert.Equal((600, 260), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }

    [Fact]
    public async Task A_new_answer_gives_a_new_chart_address_and_a_different_picture()
    {
        await using var bot = await StartAsync(publicAddress: true);
        await AnsweredSurveyAsync(bot);
        var client = bot.CreateClient();

        var before = (string)Image(await ResultsCardAsync(bot))!["url"]!;
        var firstPicture = await client.GetByteArrayAsync(Local(before));
        await AnswerAsync(bot, "aad-d", "9");
        var after = (string)Image(await ResultsCardAsync(bot))!["url"]!;
        var oldAddressNow = await client.GetByteArrayAsync(Local(before));
        var newAddress = await client.GetByteArrayAsync(Local(after));

        // Platforms cache images by address, so the counts change the address; the image itself is always the current one.
        Assert.NotEqual(before, after);
        Assert.NotEqual(firstPicture, newAddress);
        Assert.Equal(newAddress, oldAddressNow);
    }

    [Fact]
    public async Task A_tampered_or_missing_signature_another_tenant_or_an_unknown_run_gets_404()
    {
        await using var bot = await StartAsync(publicAddress: true);
        await AnsweredSurveyAsync(bot);
        var url = (string)Image(await ResultsCardAsync(bot))!["url"]!;
        var path = Local(url);
        var sig = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["sig"]!;
        // The same survey, salt and run in another tenant: only the tenant in the signature tells them apart.
        var store = bot.Services.GetRequiredService<ISurveyStore>();
        var tenant = SurveyKit.Tenant;
        var survey = (await store.GetAsync(tenant, "SV-101", default))!;
        var run = (await store.GetRunAsync(tenant, "SV-101", 1, default))!;
        await store.AddAsync(survey with { TenantKey = "teams:other" }, default);
        await store.TryAddRunAsync(run with { TenantKey = "teams:other" }, default);
        var client = bot.CreateClient();

        var tampered = await client.GetAsync(path.Replace($"sig={sig}", $"sig={(sig[0] == 'a' ? 'b' : 'a')}{sig[1..]}"));
        var missing = await client.GetAsync(path.Replace($"&sig={sig}", ""));
        var otherTenant = await client.GetAsync(path.Replace("tenant=teams%3Atenant-1", "tenant=teams%3Aother"));
        var otherTenantSigned = await client.GetAsync(SurveyChart.PathOf(survey with { TenantKey = "teams:other" }, 1));
        var unknownRun = await client.GetAsync(SurveyChart.PathOf(survey, 2));
        var unknownSurvey = await client.GetAsync(path.Replace("/SV-101/", "/SV-999/"));
        var genuine = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownSurvey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherTenantSigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task Without_a_public_address_the_results_card_has_no_image_and_shows_text_bars()
    {
        await using var bot = await StartAsync(publicAddress: false);
        await AnsweredSurveyAsync(bot);

        var card = await ResultsCardAsync(bot);

        Assert.Null(Image(card));
        Assert.DoesNotContain("chart.png", card.ToJsonString());
        var bars = TextBars(card);
        Assert.Equal(11, bars.Count);
        Assert.Equal(" 3  ██████████ 1", bars[3]);
        Assert.Equal("10  ██████████ 1", bars[10]);
        Assert.Equal(" 4  · 0", bars[4]);
    }
}
