using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Tests.Hosting;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class HostingTests
{
    [Fact]
    public async Task Health_reports_the_table_store_and_hangfire()
    {
        await using var bot = await BotApplication.StartAsync();

        var response = await bot.CreateClient().GetAsync("/health");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body["checks"]!["tables"]!["status"]!.GetValue<string>());
        Assert.Contains("InMemoryStorage", body["checks"]!["hangfire"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_is_503_and_says_what_to_check_when_table_storage_does_not_answer()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Storage:ConnectionString"] =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;");

        var response = await bot.CreateClient().GetAsync("/health");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Storage:ConnectionString", body["checks"]!["tables"]!["description"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Production", "MicrosoftAppId", null, null)]
    [InlineData("Development", "Slack:SigningSecret", "Slack:BotToken", "xoxb-only-half")]
    [InlineData("Development", "Hangfire:ConnectionString", "Hangfire:Storage", "PostgreSql")]
    [InlineData("Development", "Hangfire:Storage", "Hangfire:Storage", "Redis")]
    [InlineData("Development", "Storage:TablePrefix", "Storage:TablePrefix", "no-dashes!")]
    [InlineData("Development", "Roles:ProductManagers:0", "Roles:ProductManagers:0", "dana@example.com")]
    [InlineData("Development", "Catalog:Apis:0:DocsUrl", "Catalog:Apis:0:DocsUrl", "not a url")]
    [InlineData("Development", "Surveys:TickCron", "Surveys:TickCron", "every minute")]
    [InlineData("Development", "Surveys:PublicBaseUrl", "Surveys:PublicBaseUrl", "http://feedbackbot.example.com")]
    [InlineData("Development", "Digest:TimeZone", "Digest:TimeZone", "Mars/Olympus")]
    [InlineData("Development", "Delivery:SlackPerSecond", "Delivery:SlackPerSecond", "0")]
    public async Task A_bad_setting_stops_start_up_with_a_message_naming_it(string environment, string named, string? key, string? value)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => BotApplication.StartAsync(s =>
        {
            s["Slack:BotToken"] = "";
            s["Slack:SigningSecret"] = "";
            if (key is not null) s[key] = value;
            s["Test:Environment"] = environment;
        }));

        var validation = FindValidation(failure);
        Assert.Contains(named, string.Join("\n", validation.Failures));
    }

    [Fact]
    public async Task Outside_development_an_empty_app_id_runs_only_when_the_operator_says_so()
    {
        await using var bot = await BotApplication.StartAsync(s =>
        {
            s["Test:Environment"] = "Production";
            s["Teams:AllowUnauthenticated"] = "true";
        });

        var response = await bot.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_refuses_remote_requests_without_the_password()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Hangfire:DashboardPassword"] = "open sesame");
        var client = bot.CreateClient();

        var anonymous = await client.GetAsync("/hangfire");
        var wrong = await client.SendAsync(WithBasic("/hangfire", "wrong"));
        var right = await client.SendAsync(WithBasic("/hangfire", "open sesame"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("FeedbackBot jobs", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_dashboard_answers_loopback_requests()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Test:RemoteIp"] = "127.0.0.1");

        var response = await bot.CreateClient().GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    [Trait(Needs.Trait, Needs.PostgreSQL)]
    public async Task Hangfire_runs_on_postgresql_when_configured()
    {
        var postgres = Environment.GetEnvironmentVariable("FEEDBACKBOT_TEST_POSTGRES")
            ?? throw new InvalidOperationException("FEEDBACKBOT_TEST_POSTGRES is not set: run the tests with `npm test`, which starts a private PostgreSQL cluster.");
        await using var bot = await BotApplication.StartAsync(s =>
        {
            s["Hangfire:Storage"] = "PostgreSql";
            s["Hangfire:ConnectionString"] = postgres;
        });

        // The server registers itself in PostgreSQL shortly after start-up; until then health says Degraded.
        var body = await Eventually.ReadUntilAsync(async () => JsonNode.Parse(await bot.CreateClient().GetStringAsync("/health"))!,
            health => health["checks"]!["hangfire"]!["status"]!.GetValue<string>() == "Healthy", "Hangfire on PostgreSQL to report Healthy",
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));

        Assert.Equal("Healthy", body["checks"]!["hangfire"]!["status"]!.GetValue<string>());
        Assert.Contains("PostgreSqlStorage", body["checks"]!["hangfire"]!["description"]!.GetValue<string>());
    }

    private static HttpRequestMessage WithBasic(string path, string password) => new(HttpMethod.Get, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + password))) },
    };

    private static OptionsValidationException FindValidation(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation) return validation;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault() is { } inner) return inner;
        }
        throw new Xunit.Sdk.XunitException($"Start-up failed, but not with a validation message: {failure}");
    }
}
