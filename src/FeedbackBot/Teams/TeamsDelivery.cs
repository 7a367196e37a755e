using System.Net;
using FeedbackBot.Hosting;
using Microsoft.Bot.Schema;

namespace FeedbackBot.Teams;

/// <summary>A proactive send the Teams connector refused for good: the message names the conversation and why.</summary>
public sealed class TeamsDeliveryException(string conversationId, HttpStatusCode status, string message, Exception inner)
    : Exception(message, inner)
{
    public string ConversationId { get; } = conversationId;

    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// Runs a call to the Teams connector: retries what Teams says is temporary (429 honouring Retry-After, 412, 502,
/// 503, 504) a few times, and turns 403/404 into an error that says what happened to the conversation.
/// </summary>
public sealed class TeamsDelivery(TimeProvider time, ILogger<TeamsDelivery> log)
{
    public const int MaxAttempts = 4;

    private static readonly HashSet<HttpStatusCode> Temporary =
    [
        HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public async Task<T> RunAsync<T>(string what, string conversationId, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ErrorResponseException e) when (e.Response is { } response && Temporary.Contains(response.StatusCode) && attempt < MaxAttempts)
            {
                var wait = Wait(response, attempt);
                if (response.StatusCode == HttpStatusCode.TooManyRequests) BotTelemetry.Throttled.Add(1, new KeyValuePair<string, object?>("platform", "Teams"));
                BotTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("what", "teams-call"));
                log.LogWarning("Teams answered {Status} to {What} in {Conversation}; attempt {Attempt} of {Max}, trying again in {Wait}",
                    (int)response.StatusCode, what, conversationId, attempt, MaxAttempts, wait);
                await Task.Delay(wait, time, cancellationToken);
            }
            catch (ErrorResponseException e) when (e.Response?.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                throw Refused(what, conversationId, e);
            }
        }
    }

    private TeamsDeliveryException Refused(string what, string conversationId, ErrorResponseException e)
    {
        var status = e.Response!.StatusCode;
        var code = e.Body?.Error?.Code is { Length: > 0 } c ? c : status.ToString();
        var message = status == HttpStatusCode.NotFound
            ? $"Teams could not {what}: conversation {conversationId} was not found ({code}). It may have been deleted, or the bot was never installed there."
            : $"Teams refused to {what} in conversation {conversationId} ({code}): the bot was removed from it, blocked by the user, or disabled by an admin.";
        log.LogWarning(e, "{Message}", message);
        return new TeamsDeliveryException(conversationId, status, message, e);
    }

    /// <summary>Retry-After as seconds or a date; else exponential backoff with jitter.</summary>
    private TimeSpan Wait(Microsoft.Rest.HttpResponseMessageWrapper response, int attempt)
    {
        var header = response.Headers?.FirstOrDefault(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (int.TryParse(header, out var seconds) && seconds >= 0) return Min(TimeSpan.FromSeconds(seconds));
        if (DateTimeOffset.TryParse(header, out var at)) return Min(at - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
        var backoff = TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1));
        return Min(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250)));
    }

    private static TimeSpan Min(TimeSpan wait) => wait < MaxWait ? wait : MaxWait;
}
