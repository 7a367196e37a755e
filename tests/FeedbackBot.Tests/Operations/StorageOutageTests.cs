using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Operations;

/// <summary>Table Storage that accepts connections and never answers (frozen): Slack still gets an answer it can act on.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly TcpListener silent = new(IPAddress.Loopback, 0);
    private BotApplication bot = null!;

    public async Task InitializeAsync()
    {
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        bot = await BotApplication.StartAsync(s => s["Storage:ConnectionString"] =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        silent.Stop();
    }

    [Fact]
    public async Task An_event_that_cannot_be_stored_is_answered_503_so_slack_retries_it()
    {
        var response = await bot.SendSlackEventAsync(SlackRequests.Event(SlackRequests.DirectMessage("help")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(bot.Slack.Requests);
    }

    [Fact]
    public async Task A_click_that_cannot_be_stored_is_answered_503()
    {
        var response = await bot.SendSlackInteractionAsync(SlackRequests.BlockAction("vote|0", "{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task A_slash_command_that_cannot_be_stored_is_told_that_nothing_was_done()
    {
        var response = await bot.SendSlackCommandAsync("report");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        Assert.Contains("nothing was done", body["text"]!.GetValue<string>());
    }
}
