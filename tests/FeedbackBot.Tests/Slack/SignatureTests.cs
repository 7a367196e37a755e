using System.Net;
using System.Text;
using FeedbackBot.Slack;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Slack;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SignatureTests
{
    private const string VectorSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const long VectorTimestamp = 1531420618;
    private const string VectorBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string VectorSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    public static TheoryData<string> Endpoints => [SlackRequests.Events, SlackRequests.Interactivity, SlackRequests.Commands];

    [Fact]
    public void Slacks_published_test_vector_verifies()
    {
        var verifier = new SlackSignature(VectorSecret, new FixedTime(DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp)));
        var body = Encoding.UTF8.GetBytes(VectorBody);

        Assert.Equal(VectorSignature, verifier.Sign(VectorTimestamp.ToString(), body));
        Assert.Null(verifier.Check(VectorTimestamp.ToString(), VectorSignature, body));
    }

    [Fact]
    public void The_test_vector_is_refused_when_one_byte_differs_or_it_is_six_minutes_old()
    {
        var body = Encoding.UTF8.GetBytes(VectorBody);
        var now = new SlackSignature(VectorSecret, new FixedTime(DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp)));
        var later = new SlackSignature(VectorSecret, new FixedTime(DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp + 360)));

        Assert.Equal("Slack signature does not match", now.Check(VectorTimestamp.ToString(), VectorSignature, Encoding.UTF8.GetBytes(VectorBody.Replace("roadrunner", "coyote"))));
        Assert.Equal("Slack signature does not match", now.Check((VectorTimestamp + 1).ToString(), VectorSignature, body));
        Assert.Equal("stale Slack request timestamp", later.Check(VectorTimestamp.ToString(), VectorSignature, body));
        Assert.Equal("missing Slack signature", now.Check(null, null, body));
        Assert.Equal("malformed Slack signature", now.Check(VectorTimestamp.ToString(), "v0=zz", body));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Stale_forged_and_unsigned_requests_are_refused_and_nothing_is_sent_or_stored(string path)
    {
        await using var bot = await BotApplication.StartAsync();
        var client = bot.CreateClient();
        var (body, contentType) = BodyFor(path);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var stale = await client.SendAsync(SlackRequests.Request(path, body, contentType, BotApplication.SlackSigningSecret, now - 360));
        var forged = await client.SendAsync(SlackRequests.Request(path, body, contentType, "not-the-signing-secret", now));
        var unsigned = await client.SendAsync(SlackRequests.Request(path, body, contentType, secret: null, now));

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Contains("stale", await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains("does not match", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Contains("missing", await unsigned.Content.ReadAsStringAsync());

        // The same request signed properly is answered: so nothing before it was merely slow.
        Assert.Equal(HttpStatusCode.OK, (await bot.SendSlackAsync(path, body, contentType)).StatusCode);
        await bot.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Single(bot.Slack.Requests);
        Assert.Single(await bot.InboxRowsAsync());
    }

    [Fact]
    public async Task Without_token_and_secret_Slack_is_off_and_says_so()
    {
        await using var bot = await BotApplication.StartAsync(s => { s["Slack:BotToken"] = ""; s["Slack:SigningSecret"] = ""; });

        var response = await bot.SendSlackCommandAsync("help");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Slack:BotToken", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("xoxb-test", "", "Slack:SigningSecret is empty but Slack:BotToken is set")]
    [InlineData("", "secret", "Slack:BotToken is empty but Slack:SigningSecret is set")]
    [InlineData("xoxp-user-token", "secret", "Slack:BotToken does not start with xoxb-")]
    public async Task Half_a_configuration_refuses_to_start_naming_what_is_missing(string token, string secret, string message)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => BotApplication.StartAsync(s => { s["Slack:BotToken"] = token; s["Slack:SigningSecret"] = secret; }));
        Assert.Contains(message, Flatten(error));
    }

    [Fact]
    public async Task An_api_base_url_that_is_not_a_web_address_refuses_to_start()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => BotApplication.StartAsync(s => s["Slack:ApiBaseUrl"] = "slack.com/api"));
        Assert.Contains("Slack:ApiBaseUrl 'slack.com/api' is not an absolute http(s) URL", Flatten(error));
    }

    private static (string Body, string ContentType) BodyFor(string path) => path switch
    {
        SlackRequests.Events => (SlackRequests.Event(SlackRequests.DirectMessage("help")), SlackRequests.JsonContentType),
        SlackRequests.Interactivity => (SlackRequests.Interaction(SlackRequests.BlockAction("catalog.about|1", """{"apiId":"payments"}""")), SlackRequests.FormContentType),
        _ => (SlackRequests.Command("help"), SlackRequests.FormContentType),
    };

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten)) : error.ToString();

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
