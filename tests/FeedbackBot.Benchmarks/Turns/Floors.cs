using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Benchmarks.Turns;

/// <summary>
/// The two floors FeedbackBot is compared with, each as small as its platform allows and each in a process of its own:
/// a Slack events endpoint that checks the signature and writes one Table row, and a Bot Framework echo bot.
/// </summary>
public static class Floors
{
    /// <summary>Checks Slack's signature (HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>, timestamp within 5 minutes), stores one row, answers 200.</summary>
    public static WebApplication SlackFloor(ServeOptions serve, StorageCount count)
    {
        var app = Slim(serve.Port);
        var options = new TableClientOptions();
        options.AddPolicy(count, HttpPipelinePosition.PerRetry);
        var table = new TableServiceClient(serve.Storage, options).GetTableClient(serve.TablePrefix + "FloorInbox");
        table.CreateIfNotExists();
        var key = Encoding.UTF8.GetBytes(serve.SigningSecret);
        app.MapPost("/api/slack/events", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var timestamp = request.Headers["X-Slack-Request-Timestamp"].ToString();
            var signature = request.Headers["X-Slack-Signature"].ToString();
            if (!Signed(key, timestamp, signature, body)) return Results.Unauthorized();
            var eventId = JsonDocument.Parse(body).RootElement.GetProperty("event_id").GetString()!;
            try
            {
                await table.AddEntityAsync(new TableEntity("inbox", eventId) { ["Body"] = Encoding.UTF8.GetString(body) });
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // A retry of an event stored already: acknowledged again.
            }
            return Results.Ok();
        });
        MapStorageCount(app, count);
        return app;
    }

    private static bool Signed(byte[] key, string timestamp, string signature, byte[] body)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300 || !signature.StartsWith("v0=", StringComparison.Ordinal)) return false;
        var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        var expected = HMACSHA256.HashData(key, signed);
        try
        {
            return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(signature.AsSpan(3)), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The Bot Framework echo bot: CloudAdapter, an ActivityHandler that answers every message with its text, no
    /// authentication. <paramref name="setUpOnce"/> gives its connector clients FeedbackBot's shared serializer
    /// settings and pooled HTTP handlers; without it the SDK runs as shipped.
    /// </summary>
    public static WebApplication EchoFloor(ServeOptions serve, bool setUpOnce)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, serve.Port));
        builder.Logging.ClearProviders();
        var anonymous = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppType"] = "MultiTenant", ["MicrosoftAppId"] = "", ["MicrosoftAppPassword"] = "" })
            .Build();
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => setUpOnce
            ? FeedbackBot.Teams.TeamsAuthentication.Create(anonymous, sp.GetRequiredService<System.Net.Http.IHttpClientFactory>())
            : new ConfigurationBotFrameworkAuthentication(anonymous));
        builder.Services.AddSingleton(sp => new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>()));
        builder.Services.AddSingleton<EchoBot>();
        var app = builder.Build();
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, CloudAdapter adapter, EchoBot bot) =>
            adapter.ProcessAsync(request, response, bot));
        return app;
    }

    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text($"Echo: {turnContext.Activity.Text}"), cancellationToken);
    }

    private static WebApplication Slim(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    private static void MapStorageCount(WebApplication app, StorageCount count) =>
        app.MapGet("/bench/storage", () => Results.Json(count.Snapshot()));
}
