using System.Net;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Tests.Teams;

public sealed class SmokeTests
{
    [Fact]
    public async Task About_reaches_the_connector_as_a_card()
    {
        await using var bot = await BotApplication.StartAsync();
        var response = await bot.SendTeamsAsync(TeamsActivities.Message(bot, "about payments"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await bot.Teams.WaitForAsync(r => r.Method == "POST", "a reply");
        Assert.Contains("application/vnd.microsoft.card.adaptive", sent.Body);
    }
}
