using System.Diagnostics;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Hosting;
using FeedbackBot.Storage;

namespace FeedbackBot.Slack;

/// <summary>Runs one inboxed request through the router and delivers the replies; the inbox row records the outcome.</summary>
public sealed class SlackTurnProcessor(TurnRouter router, SlackReplies replies, SlackInbox inbox, ILogger<SlackTurnProcessor> log)
{
    /// <summary>Processes a request after Slack got its 200. Never throws: a failure is told to the user and recorded on the row.</summary>
    public async Task ProcessAsync(InboxEntry entry, CancellationToken cancellationToken)
    {
        // The worker runs outside any request: its span continues the trace of the request that stored the row.
        ActivityContext.TryParse(entry.TraceParent, null, out var parent);
        using var span = BotTelemetry.Source.StartActivity($"slack.inbox process {entry.Kind}", ActivityKind.Consumer, parent);
        span?.SetTag("slack.request_id", entry.RequestId);
        InboxEntry? claimed = null;
        SlackTurn? turn = null;
        try
        {
            claimed = await inbox.ClaimAsync(entry, cancellationToken);
            if (claimed is null) return;
            if (SlackPayloads.Read(entry.Kind, entry.Body) is SlackInbound.Accepted accepted)
            {
                turn = accepted.Turn;
                await replies.DeliverAsync(turn, await BotTelemetry.RouteAsync(router, turn.Turn, cancellationToken), cancellationToken);
            }
            await inbox.FinishAsync(claimed, InboxStatus.Done, null, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down past the grace period: hand the row back so another instance takes it now.
            await ReleaseAsync(claimed);
        }
        catch (Exception e)
        {
            log.LogError(e, "Slack {Kind} {RequestId} from team {Team} failed", entry.Kind, entry.RequestId, entry.TeamId);
            if (turn is not null) await replies.ApologizeAsync(turn, cancellationToken);
            await RecordFailureAsync(claimed, e, cancellationToken);
        }
    }

    /// <summary>
    /// A modal submission, processed before answering because only the HTTP response can show errors beside the
    /// inputs. Other replies (the saved card posted to the conversation) go out after Slack has its answer.
    /// </summary>
    public async Task SubmitAsync(HttpContext context, InboxEntry entry, SlackTurn turn)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var claimed = await inbox.ClaimAsync(entry, context.RequestAborted);
        if (claimed is null)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        JsonObject response;
        IReadOnlyList<Reply> rest = [];
        try
        {
            (response, rest) = ModalResponses.For(turn, await BotTelemetry.RouteAsync(router, turn.Turn, stopping));
            await inbox.FinishAsync(claimed, InboxStatus.Done, null, stopping);
        }
        catch (Exception e)
        {
            log.LogError(e, "Slack view_submission {RequestId} from team {Team} failed", entry.RequestId, entry.TeamId);
            await RecordFailureAsync(claimed, e, stopping);
            response = ModalResponses.Failed("Sorry, something went wrong on my side and nothing was saved. Please try again in a moment.");
        }

        await context.Response.WriteAsJsonAsync(response, stopping);
        await context.Response.CompleteAsync();
        if (rest.Count == 0) return;
        try
        {
            await replies.DeliverAsync(turn, rest, stopping);
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException)
        {
            log.LogError(e, "Delivering the result of Slack view_submission {RequestId} failed", entry.RequestId);
        }
    }

    private async Task ReleaseAsync(InboxEntry? claimed)
    {
        if (claimed is null) return;
        try
        {
            await inbox.ReleaseAsync(claimed, CancellationToken.None);
            log.LogInformation("Handed Slack request {RequestId} back to the inbox while stopping", claimed.RequestId);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not hand Slack request {RequestId} back; it is taken up once its claim is stale", claimed.RequestId);
        }
    }

    private async Task RecordFailureAsync(InboxEntry? claimed, Exception error, CancellationToken cancellationToken)
    {
        if (claimed is null) return;
        try
        {
            await inbox.FinishAsync(claimed, InboxStatus.Failed, $"{error.GetType().Name}: {error.Message}", cancellationToken);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not record the failure of Slack request {RequestId}", claimed.RequestId);
        }
    }
}
