using System.Text.Json.Nodes;
using FeedbackBot.Slack;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Slack;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SlackApiClientTests
{
    [Fact]
    public async Task Ok_false_becomes_an_exception_naming_the_method_and_slacks_error()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Slack.FailNext("chat.postMessage", "channel_not_found");
        var client = bot.Services.GetRequiredService<SlackApiClient>();

        var error = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync("C0GONE", "hello", null, CancellationToken.None));

        Assert.Equal("chat.postMessage failed: channel_not_found", error.Message);
        Assert.Equal("chat.postMessage", error.Method);
        Assert.Equal("channel_not_found", error.Error);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_time_slack_names()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Slack.RateLimitNext("chat.postMessage", retryAfterSeconds: 1);
        var client = bot.Services.GetRequiredService<SlackApiClient>();
        var started = DateTime.UtcNow;

        var ts = await client.PostMessageAsync(SlackRequests.Channel, "hello", new JsonArray(), CancellationToken.None);

        Assert.NotEmpty(ts);
        Assert.Equal(2, bot.Slack.Calls("chat.postMessage").Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the retry waited for Retry-After");
    }

    [Fact]
    public async Task Server_errors_are_retried_a_few_times_then_reported()
    {
        await using var bot = await BotApplication.StartAsync();
        bot.Slack.ServerErrorNext("views.open", times: 2);
        bot.Slack.ServerErrorNext("chat.update", times: 10);
        var client = bot.Services.GetRequiredService<SlackApiClient>();

        var viewId = await client.OpenViewAsync("trigger", new JsonObject { ["type"] = "modal" }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<SlackApiException>(() => client.UpdateMessageAsync(SlackRequests.Channel, "1.2", "x", null, CancellationToken.None));

        Assert.NotEmpty(viewId);
        Assert.Equal(3, bot.Slack.Calls("views.open").Count);
        Assert.Equal("chat.update failed: http_500", error.Message);
        Assert.Equal(4, bot.Slack.Calls("chat.update").Count);
    }
}
