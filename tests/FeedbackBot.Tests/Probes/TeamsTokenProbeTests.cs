using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Probes;

/// <summary>With an app id configured, only activities carrying a token the Bot Framework signed for this bot get in; the rest are 401.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TeamsTokenProbeTests : IAsyncLifetime
{
    private const string AppId = "3f1c2b7e-0d5a-4c8e-9b61-5a2f7d9e1c40";
    private readonly FakeBotFrameworkLogin login = new();
    private BotApplication bot = null!;

    public async Task InitializeAsync()
    {
        await login.StartAsync();
        bot = await BotApplication.StartAsync(s =>
        {
            s["MicrosoftAppType"] = "MultiTenant";
            s["MicrosoftAppId"] = AppId;
            s["MicrosoftAppPassword"] = "not-used-by-these-tests";
            s["Teams:OpenIdMetadataUrl"] = login.MetadataUrl;
        });
    }

    public async Task DisposeAsync()
    {
        await bot.DisposeAsync();
        await login.DisposeAsync();
    }

    [Fact]
    public async Task A_token_the_bot_framework_signed_for_this_bot_gets_in_and_the_keys_are_read_once()
    {
        for (var i = 0; i < 3; i++)
        {
            var response = await SendAsync(Greeting(), login.Token(AppId, ServiceUrl));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, login.KeySetReads);
    }

    [Fact]
    public async Task A_missing_token_is_401()
    {
        var response = await SendAsync(Greeting(), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0")]
    [InlineData("")]
    public async Task A_malformed_token_is_401(string token)
    {
        var response = await SendAsync(Greeting(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_token_is_401()
    {
        var response = await SendAsync(Greeting(), FakeBotFrameworkLogin.Unsigned(AppId, ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_by_someone_else_under_the_published_key_id_is_401()
    {
        using var forger = RSA.Create(2048);

        var response = await SendAsync(Greeting(), login.Token(AppId, ServiceUrl, key: forger));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_is_401_and_does_not_read_the_keys_on_every_request()
    {
        using var forger = RSA.Create(2048);

        for (var i = 0; i < 5; i++)
        {
            var response = await SendAsync(Greeting(), login.Token(AppId, ServiceUrl, kid: "someone-elses-key", key: forger));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.InRange(login.KeySetReads, 1, 2);
    }

    [Theory]
    [InlineData("audience")]
    [InlineData("issuer")]
    [InlineData("expired")]
    [InlineData("serviceUrl")]
    public async Task A_token_for_another_bot_issuer_time_or_service_url_is_401(string wrong)
    {
        var token = wrong switch
        {
            "audience" => login.Token(Guid.NewGuid().ToString(), ServiceUrl),
            "issuer" => login.Token(AppId, ServiceUrl, issuer: "https://evil.example.com"),
            "expired" => login.Token(AppId, ServiceUrl, expires: DateTime.UtcNow.AddMinutes(-10)),
            _ => login.Token(AppId, "https://elsewhere.example.com/"),
        };

        var response = await SendAsync(Greeting(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_good_token_on_an_activity_without_a_sender_is_400()
    {
        var activity = Greeting();
        activity.Remove("from");

        var response = await SendAsync(activity, login.Token(AppId, ServiceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from", await response.Content.ReadAsStringAsync());
    }

    private string ServiceUrl => bot.Teams.BaseUrl.ToString();

    /// <summary>A conversation update that adds nobody: authenticated, it is answered 200 without the bot sending anything.</summary>
    private JsonObject Greeting()
    {
        var activity = TeamsActivities.Message(bot, "unused");
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        return activity;
    }

    private async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return await bot.CreateClient().SendAsync(request);
    }
}
