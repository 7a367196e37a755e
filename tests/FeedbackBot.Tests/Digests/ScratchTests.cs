using FeedbackBot.Core.Digests;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Tests.Digests;

public sealed class ScratchTests
{
    [Fact]
    public async Task Scratch()
    {
        await using var bot = await BotApplication.StartAsync();
        await bot.ShipLastWeekAsync(DigestKit.TeamsTenant);
        var sub = new DigestSubscription(DigestKit.TeamsTenant, new(new(Core.Conversations.Platform.Teams, "tenant-1", "x", Core.Conversations.ConversationKind.Channel), ""), ["payments"], "x", DateTimeOffset.UtcNow);
        await bot.Services.GetRequiredService<IDigestComposer>().ComposeAsync(sub, DigestKit.LastWeek(bot), default);
    }
}
