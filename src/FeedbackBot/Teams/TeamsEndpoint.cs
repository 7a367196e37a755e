using System.Diagnostics;
using FeedbackBot.Hosting;
using Microsoft.Bot.Builder;

namespace FeedbackBot.Teams;

/// <summary><c>POST /api/messages</c>: the SDK's pipeline, with the refusals of <see cref="TeamsInboundGate"/> answered as the 4xx/503 they are.</summary>
public static class TeamsEndpoint
{
    public static async Task HandleAsync(HttpContext context, TeamsAdapter adapter, IBot bot, ILogger<TeamsAdapter> log)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await adapter.ProcessAsync(context.Request, context.Response, bot, context.RequestAborted);
        }
        catch (TeamsRequestRefusedException refused) when (!context.Response.HasStarted)
        {
            log.LogWarning("Refused a Teams request with {Status}: {Reason}", refused.Status, refused.Message);
            context.Response.StatusCode = refused.Status;
            if (refused.Status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "30";
            await context.Response.WriteAsync(refused.Message, context.RequestAborted);
        }
        finally
        {
            // Teams waits for the turn before it counts a message delivered: the whole request is the acknowledgement.
            BotTelemetry.AckDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList { { "platform", "Teams" }, { "kind", "Activity" } });
        }
    }
}
