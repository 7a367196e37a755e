using FeedbackBot.Core.Digests;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Tests.Digests.DigestKit;

namespace FeedbackBot.Tests.Digests;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class DigestSubscriptionTests
{
    [Fact]
    public async Task A_teams_channel_subscribes_adds_an_api_shows_it_and_stops()
    {
        await using var bot = await BotApplication.StartAsync(TestCatalog.WithOrdersApi);
        var channel = TeamsChannel(1);

        Assert.Contains("From now on this channel gets the road map digest of Payments API every Monday at 09:00 (UTC)", await bot.SayInTeamsAsync("digest here payments", channel));
        Assert.Contains("Payments API and Orders API", await bot.SayInTeamsAsync("digest here orders", channel));
        Assert.Contains("This channel gets the road map digest of Payments API and Orders API", await bot.SayInTeamsAsync("digest", channel, BotApplication.ConsumerAad));
        Assert.Contains("can stop this channel", await bot.SayInTeamsAsync("digest stop", channel, BotApplication.ConsumerAad));
        Assert.Contains("no longer gets the weekly road map digest", await bot.SayInTeamsAsync("digest stop", channel));
        Assert.Contains("gets no road map digest", await bot.SayInTeamsAsync("digest", channel));
        Assert.Empty(await bot.Services.GetRequiredService<ISubscriptionStore>().ListAsync(TeamsTenant, default));
    }

    [Fact]
    public async Task A_slack_channel_subscribes_to_all_and_an_unknown_api_gets_the_catalogs_answer()
    {
        await using var bot = await BotApplication.StartAsync();
        var channel = SlackChannel(1);

        Assert.Contains("I don't know an API called", await bot.SayInSlackAsync("digest here billing", channel));
        Assert.Contains("Only product managers", await bot.SayInSlackAsync("digest here all", channel, SlackRequests.Owner));
        Assert.Contains("road map digest of every API", await bot.SayInSlackAsync("digest here all", channel));
        Assert.Contains("gets the road map digest of every API", await bot.SayInSlackAsync("digest", channel, SlackRequests.Consumer));
        Assert.Contains("no longer gets", await bot.SayInSlackAsync("digest stop", channel));

        var stored = await bot.Services.GetRequiredService<ISubscriptionStore>().TenantsAsync(default);
        Assert.Contains(SlackTenant, stored);
    }

    [Fact]
    public async Task An_owner_subscribes_their_api_but_a_personal_chat_cannot_subscribe()
    {
        await using var bot = await BotApplication.StartAsync();

        Assert.Contains("From now on", await bot.SayInSlackAsync("digest here payments", SlackChannel(2), SlackRequests.Owner));
        var seen = bot.Teams.Requests.Count;
        await bot.SayInTeamsAsync(TeamsActivities.Message(bot, "digest here payments", BotApplication.ProductManagerAad),
            r => r.Body.Contains("Say this in the channel"), "the personal-chat refusal");
        Assert.True(bot.Teams.Requests.Count > seen);
        Assert.Empty(await bot.Services.GetRequiredService<ISubscriptionStore>().ListAsync(TeamsTenant, default));
    }

    [Fact]
    public async Task Preview_shows_this_weeks_card_here_and_posts_nowhere_else()
    {
        await using var bot = await BotApplication.StartAsync();
        var channel = TeamsChannel(3);
        await bot.SayInTeamsAsync("digest here payments", channel);
        bot.Clock.Advance(TimeSpan.FromDays(7));
        await bot.ShipLastWeekAsync(TeamsTenant, "Apple Pay in the hosted checkout");
        bot.Clock.Advance(TimeSpan.FromDays(-7));

        var quietPreview = await bot.SayInTeamsAsync("digest preview", channel, BotApplication.ConsumerAad);
        Assert.Contains("Only product managers", quietPreview);
        var preview = await bot.SayInTeamsAsync("digest preview", channel);

        Assert.True(preview.Contains("Road map digest"), preview);
        Assert.Contains("Apple Pay in the hosted checkout", preview);
        Assert.Contains("Live in 2.4", preview);
        Assert.Single(bot.Teams.Sent, r => r.Body.Contains("Road map digest"));
    }
}
