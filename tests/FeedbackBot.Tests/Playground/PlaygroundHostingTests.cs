using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Hosting;
using FeedbackBot.Playground;
using FeedbackBot.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Tests.Playground;

public sealed class PlaygroundHostingTests
{
    private static readonly string[] PlaygroundPaths =
    [
        "/playground", "/playground/assets/app.js", "/playground/api/state", "/playground/slack/api/auth.test",
        "/playground/teams/v3/conversations/a:pg-chat-aad-maya-chen/pagedmembers",
    ];

    [Fact]
    public async Task Turned_off_in_Development_nothing_of_the_playground_is_mapped()
    {
        await using var app = PlaygroundApplication.Create(configure: s => s["Playground:Enabled"] = "false");
        using var client = app.CreateClient();

        foreach (var path in PlaygroundPaths)
        {
            using var response = path.Contains("/api/", StringComparison.Ordinal) && !path.EndsWith("state", StringComparison.Ordinal)
                ? await client.PostAsync(path, new StringContent("{}"))
                : await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }
        Assert.DoesNotContain(app.Log, line => line.Contains("playground is ON", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task In_Production_it_does_not_start_unless_enabled_explicitly()
    {
        await using var app = PlaygroundApplication.Create("Production", configure: s => s["Teams:AllowUnauthenticated"] = "true");
        using var client = app.CreateClient();

        using var page = await client.GetAsync("/playground");
        using var state = await client.GetAsync("/playground/api/state");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, state.StatusCode);
        // The bot itself runs: the playground is simply not there.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task In_Production_enabled_explicitly_it_answers_and_says_so_in_the_log_at_start_up()
    {
        await using var app = PlaygroundApplication.Create("Production", configure: s =>
        {
            s["Teams:AllowUnauthenticated"] = "true";
            s["Playground:Enabled"] = "true";
        });
        using var client = app.CreateClient();

        using var page = await client.GetAsync("/playground");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("FeedbackBot playground", await page.Content.ReadAsStringAsync());
        Assert.Contains(app.Log, line =>
            line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("The playground is ON") && line.Contains("Production"));
    }

    [Fact]
    public async Task The_playground_workspace_gets_a_made_up_slack_token_and_signing_secret_that_no_setting_holds()
    {
        await using var first = PlaygroundApplication.Create();
        await using var second = PlaygroundApplication.Create();

        var a = first.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var b = second.Services.GetRequiredService<IOptions<SlackOptions>>().Value;

        Assert.True(a.Enabled);
        Assert.StartsWith("xoxb-playground-", a.BotToken);
        Assert.NotEqual(a.BotToken, b.BotToken);
        Assert.NotEqual(a.SigningSecret, b.SigningSecret);
        Assert.Equal(first.Services.GetRequiredService<PlaygroundSecrets>().SlackSigningSecret, a.SigningSecret);
    }

    [Fact]
    public async Task The_web_api_stand_in_refuses_a_call_without_the_workspace_token_as_slack_does()
    {
        await using var app = PlaygroundApplication.Create();
        using var client = app.CreateClient();

        using var body = new StringContent("{\"channel\":\"C0APITRIAGE\",\"text\":\"hi\"}");
        using var response = await client.PostAsync("/playground/slack/api/chat.postMessage", body);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool)answer["ok"]!);
        Assert.Equal("invalid_auth", (string?)answer["error"]);
    }

    [Fact]
    public async Task A_bad_product_manager_seat_count_stops_the_start_naming_the_setting()
    {
        await using var app = PlaygroundApplication.Create(configure: s => s["Playground:ProductManagerSeats"] = "0");

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Playground:ProductManagerSeats", failure.ToString());
    }

    [Theory]
    [InlineData("teams:playground-tenant|api|payments", "FB-1001", true)]
    [InlineData("survey|teams:playground-tenant|SV-101|invite", "aad-maya-chen", true)]
    [InlineData("digest|2026-W48", "slack:TPLAYGROUND|C0DEVELOPERS", true)]
    [InlineData("TPLAYGROUND", "U0MAYA", true)]
    [InlineData("tenants", "teams:playground-tenant", true)]
    [InlineData("teams:tenant-1|api|payments", "FB-1001", false)]
    [InlineData("tenants", "teams:playground-tenant-2", false)]
    [InlineData("digest|2026-W48", "slack:T0OTHER|C0DEVELOPERS", false)]
    public void A_reset_deletes_the_playgrounds_own_rows_and_no_one_elses(string partitionKey, string rowKey, bool deleted) =>
        Assert.Equal(deleted, PlaygroundStorageReset.IsPlaygrounds(partitionKey, rowKey));
}
