using System.Runtime.ExceptionServices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace FeedbackBot.Teams;

/// <summary>The Bot Framework adapter, with an error handler that tells the user instead of going silent.</summary>
public sealed class TeamsAdapter : CloudAdapter
{
    public TeamsAdapter(BotFrameworkAuthentication authentication, ILogger<TeamsAdapter> log) : base(authentication, log)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            log.LogError(exception, "Teams turn failed for activity {Type} in conversation {Conversation}",
                turnContext.Activity?.Type, turnContext.Activity?.Conversation?.Id);
            if (turnContext.Activity?.Type == ActivityTypes.Message)
            {
                await turnContext.SendActivityAsync("Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.");
            }
        };
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a continued conversation (a proactive call). Its failure is carried out of the
    /// SDK's pipeline, which would otherwise hand it to <see cref="BotAdapter.OnTurnError"/> and return as if it had worked.
    /// </summary>
    public async Task<T> InConversationAsync<T>(string appId, ConversationReference reference, Func<ITurnContext, Task<T>> work, CancellationToken cancellationToken)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        // The SDK gives a continuation a fresh id, which would turn every send into a reply to a message that does not
        // exist; the reference's own activity id (a thread's root, or none) is what a send should answer.
        var continuation = reference.GetContinuationActivity();
        continuation.Id = reference.ActivityId;
        await ContinueConversationAsync(appId, continuation, async (turn, _) =>
        {
            try
            {
                result = await work(turn);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, cancellationToken);
        failure?.Throw();
        return result;
    }
}
