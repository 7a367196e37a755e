using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeedbackBot.Tests.Operations;

/// <summary>What a load balancer and an operator read from the health endpoints.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_503_naming_the_inbox_when_an_acknowledged_request_waits_too_long()
    {
        // A row that arrived 12 minutes ago, claimed by a live instance (this one) that has not finished it: a hung turn.
        await using var bot = await BotApplication.StartAsync(s => s["Inbox:SweepInterval"] = "00:00:01");
        var table = new TableClient(Azurite.ConnectionString, bot.TablePrefix + "SlackInbox");
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("inbox-03", "T0TEAM%7CEvSTUCK")
        {
            ["Kind"] = "Event", ["TeamId"] = "T0TEAM", ["RequestId"] = "EvSTUCK", ["Status"] = "Processing", ["BodyParts"] = 0,
            ["ReceivedAt"] = DateTimeOffset.UtcNow.AddMinutes(-12), ["ClaimedAt"] = DateTimeOffset.UtcNow, ["ClaimedBy"] = FeedbackBot.Hosting.BotInstance.Id,
        });

        JsonNode body = null!;
        HttpResponseMessage response = null!;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            response = await bot.CreateClient().GetAsync("/health");
            body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline) break;
            await Task.Delay(100);
        }
        while (true);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("inbox", Assert.Single(body["down"]!.AsArray())!.GetValue<string>());
        Assert.Contains("1 acknowledged Slack request(s) unanswered", body["checks"]!["inbox"]!["description"]!.GetValue<string>());
        // Not this instance's fault: it still takes work.
        Assert.Equal(HttpStatusCode.OK, (await bot.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Health_answers_503_naming_table_storage_when_storage_accepts_connections_and_never_answers()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var bot = await BotApplication.StartAsync(s => s["Storage:ConnectionString"] =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");

        var response = await bot.CreateClient().GetAsync("/health");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("tables", body["down"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("tables did not answer within 1.5 s. Check Storage:ConnectionString, and that Azurite runs when developing.",
            body["checks"]!["tables"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readiness_fails_as_soon_as_the_instance_is_asked_to_stop()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Inbox:DrainDelay"] = "00:00:05");
        var before = await bot.CreateClient().GetAsync("/health/ready");

        bot.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var during = await bot.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Contains("shutting down", await during.Content.ReadAsStringAsync());
    }
}
