using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Tests.Probes;

/// <summary>The jobs dashboard: who counts as local, and its actions only from its own pages.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed partial class DashboardProbeTests
{
    [Fact]
    public async Task A_loopback_request_carrying_forwarded_headers_from_an_unconfigured_proxy_is_remote()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Test:RemoteIp"] = "127.0.0.1");

        var tunnelled = await bot.CreateClient().SendAsync(Get("/hangfire", ("X-Forwarded-For", "203.0.113.9")));
        var local = await bot.CreateClient().GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, tunnelled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_only_from_a_configured_proxy()
    {
        await using var bot = await BotApplication.StartAsync(s =>
        {
            s["Test:RemoteIp"] = "10.0.0.4";
            s["ForwardedHeaders:KnownProxies:0"] = "10.0.0.4";
            s["Hangfire:DashboardPassword"] = "open sesame";
        });

        // Through the configured proxy, a client on the proxy's own loopback is local; a remote one needs the password.
        var proxiedLocal = await bot.CreateClient().SendAsync(Get("/hangfire", ("X-Forwarded-For", "127.0.0.1")));
        var proxiedRemote = await bot.CreateClient().SendAsync(Get("/hangfire", ("X-Forwarded-For", "203.0.113.9")));
        var withPassword = await bot.CreateClient().SendAsync(Get("/hangfire", ("X-Forwarded-For", "203.0.113.9"),
            ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:open sesame")))));

        Assert.Equal(HttpStatusCode.OK, proxiedLocal.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, proxiedRemote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withPassword.StatusCode);
    }

    [Fact]
    public async Task A_spoofed_forwarded_header_from_a_client_that_is_not_a_proxy_changes_nothing()
    {
        await using var bot = await BotApplication.StartAsync(s =>
        {
            s["Test:RemoteIp"] = "198.51.100.7";
            s["ForwardedHeaders:KnownProxies:0"] = "10.0.0.4";
        });

        var response = await bot.CreateClient().SendAsync(Get("/hangfire", ("X-Forwarded-For", "127.0.0.1")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_dashboard_action_posted_from_another_site_is_refused_and_one_from_the_dashboard_runs()
    {
        await using var bot = await BotApplication.StartAsync(s => s["Test:RemoteIp"] = "127.0.0.1");
        var client = bot.CreateClient(new() { HandleCookies = true });

        var crossSite = await client.PostAsync("/hangfire/recurring/trigger",
            new FormUrlEncodedContent([KeyValuePair.Create("jobs[]", "slack-inbox-maintenance")]));

        var page = await client.GetStringAsync("/hangfire/recurring");
        var header = AntiforgeryHeader().Match(page).Groups[1].Value;
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.NotEmpty(header);
        Assert.NotEmpty(token);
        var fromDashboard = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("jobs[]", "slack-inbox-maintenance")]),
        };
        fromDashboard.Headers.Add(header, token);
        var accepted = await client.SendAsync(fromDashboard);

        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.True(accepted.IsSuccessStatusCode, $"the dashboard's own POST answered {accepted.StatusCode}");
    }

    [Fact]
    public async Task The_former_single_survey_export_key_stops_start_up_with_the_replacement_named()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => BotApplication.StartAsync(s => s["Surveys:ApiKey"] = "one-key-for-everyone"));

        Assert.Contains("Surveys:ExportKeys:0:Tenant", Messages(failure));
    }

    private static string Messages(Exception failure)
    {
        var all = new StringBuilder();
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            all.AppendLine(e.Message);
            if (e is OptionsValidationException validation) all.AppendLine(string.Join("\n", validation.Failures));
        }
        return all.ToString();
    }

    private static HttpRequestMessage Get(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
