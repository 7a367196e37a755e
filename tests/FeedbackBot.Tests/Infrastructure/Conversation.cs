using System.Text.Json.Nodes;

namespace FeedbackBot.Tests.Infrastructure;

/// <summary>
/// The one conversation driver of the HTTP tests: say something as a person, then wait for the bot's answer,
/// that is the first request the platform's fake records after it that the caller takes for the answer.
/// Requests recorded before the turn never count, so an earlier, similar message cannot pass for the answer.
/// </summary>
public static class Conversation
{
    /// <summary>Sends <paramref name="activity"/> to <c>/api/messages</c> and returns the answer the Teams connector received.</summary>
    public static Task<RecordedRequest> SayInTeamsAsync(this BotApplication bot, JsonObject activity, Func<RecordedRequest, bool> isAnswer, string what) =>
        AnswerAsync(bot.Teams, () => bot.SendTeamsAsync(activity), isAnswer, what);

    /// <summary>Sends the slash command <paramref name="text"/> and returns the answer Slack's Web API received.</summary>
    public static Task<RecordedRequest> SayInSlackAsync(this BotApplication bot, string text, string user, string channel,
        Func<RecordedRequest, bool> isAnswer, string what) =>
        AnswerAsync(bot.Slack, () => bot.SendSlackCommandAsync(text, user, channel), isAnswer, what);

    /// <summary>Sends a Slack Events API envelope (a direct message, a mention) and returns the answer Slack's Web API received.</summary>
    public static Task<RecordedRequest> SayInSlackAsync(this BotApplication bot, string eventEnvelope, Func<RecordedRequest, bool> isAnswer, string what) =>
        AnswerAsync(bot.Slack, () => bot.SendSlackEventAsync(eventEnvelope), isAnswer, what);

    private static async Task<RecordedRequest> AnswerAsync(LoopbackFake platform, Func<Task> say, Func<RecordedRequest, bool> isAnswer, string what)
    {
        var before = platform.Requests.ToHashSet(ReferenceEqualityComparer.Instance);
        await say();
        return await platform.WaitForAsync(r => !before.Contains(r) && isAnswer(r), what);
    }
}
