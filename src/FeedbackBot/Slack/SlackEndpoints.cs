using System.Diagnostics;
using System.Text;
using FeedbackBot.Hosting;
using FeedbackBot.Storage;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack;

/// <summary>
/// The three request URLs of the Slack app. Each request is verified, stored in the inbox and acknowledged within
/// Slack's 3 seconds; the work happens after (modal submissions excepted: see <see cref="SlackTurnProcessor.SubmitAsync"/>).
/// </summary>
public sealed class SlackEndpoints(IOptions<SlackOptions> options, SlackSignature signature, SlackInbox inbox, SlackInboxQueue queue, ILogger<SlackEndpoints> log)
{
    /// <summary>Far above any real Slack request (a 40,000-character message is ~120 KB form-encoded).</summary>
    public const int MaxBodyBytes = 512 * 1024;

    /// <summary>How long the inbox write may take: Slack wants its answer within 3 s, and a late 200 counts as none.</summary>
    public static readonly TimeSpan InboxWriteBudget = TimeSpan.FromSeconds(2);

    public async Task<IResult> HandleAsync(HttpContext context, SlackRequestKind kind)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await AnswerAsync(context, kind);
        BotTelemetry.AckDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
            new TagList { { "platform", "Slack" }, { "kind", kind.ToString() } });
        return result;
    }

    private async Task<IResult> AnswerAsync(HttpContext context, SlackRequestKind kind)
    {
        if (!options.Value.Enabled)
            return Results.Text("Slack is not configured on this bot: set Slack:BotToken and Slack:SigningSecret to turn it on.", statusCode: StatusCodes.Status404NotFound);

        var request = context.Request;
        var body = await ReadBodyAsync(request, context.RequestAborted);
        if (body is null) return Results.Text($"request body over {MaxBodyBytes / 1024} KB", statusCode: StatusCodes.Status413PayloadTooLarge);

        var refused = signature.Check(request.Headers[SlackSignature.TimestampHeader], request.Headers[SlackSignature.SignatureHeader], body);
        if (refused is not null)
        {
            log.LogWarning("Refused a Slack {Kind} request: {Reason}", kind, refused);
            return Results.Text(refused, statusCode: StatusCodes.Status401Unauthorized);
        }

        var text = Encoding.UTF8.GetString(body);
        switch (SlackPayloads.Read(kind, text))
        {
            case SlackInbound.Challenge challenge:
                return Results.Text(challenge.Value);
            case SlackInbound.SslCheck or SlackInbound.Ignored:
                return Results.Ok();
            case SlackInbound.Invalid invalid:
                return Results.Text(invalid.Reason, statusCode: StatusCodes.Status400BadRequest);
            case SlackInbound.Accepted accepted:
                return await AcceptAsync(context, kind, text, accepted);
            default:
                return Results.Text("unreadable Slack request", statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private async Task<IResult> AcceptAsync(HttpContext context, SlackRequestKind kind, string body, SlackInbound.Accepted accepted)
    {
        InboxEntry? entry;
        using (var budget = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            budget.CancelAfter(InboxWriteBudget);
            try
            {
                entry = await inbox.AddAsync(kind, accepted.TeamId, accepted.RequestId, body, budget.Token);
            }
            catch (Exception e) when (!context.RequestAborted.IsCancellationRequested && e is OperationCanceledException or Azure.RequestFailedException or HttpRequestException)
            {
                return Unrecorded(kind, accepted, e);
            }
        }
        if (entry is null)
        {
            log.LogInformation("Slack {Kind} {RequestId} is already in the inbox (retry {Retry}); acknowledged, not processed again",
                kind, accepted.RequestId, context.Request.Headers["X-Slack-Retry-Num"].ToString());
            await QueueIfUnstartedAsync(accepted, context.RequestAborted);
            return Results.Ok();
        }
        if (accepted.Turn.FromModal && accepted.Turn.Turn.Source == Core.Conversations.TurnSource.FormSubmission)
        {
            await context.RequestServices.GetRequiredService<SlackTurnProcessor>().SubmitAsync(context, entry, accepted.Turn);
            return Results.Empty;
        }
        if (!queue.TryPost(entry)) log.LogWarning("Slack queue is full; {RequestId} waits in the inbox for the next sweep", accepted.RequestId);
        return Results.Ok();
    }

    /// <summary>
    /// A 409 is a retry of a stored request, or our own insert whose answer was lost (a timeout after storage wrote
    /// it): then the row is pending and nobody queued it. Queued here; the worker's claim keeps it to one run.
    /// </summary>
    private async Task QueueIfUnstartedAsync(SlackInbound.Accepted accepted, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await inbox.GetAsync(SlackInbox.ShardOf(accepted.RequestId), SlackInbox.RowKeyOf(accepted.TeamId, accepted.RequestId), cancellationToken);
            if (stored is { Status: InboxStatus.Pending } && queue.TryPost(stored))
                log.LogInformation("Slack request {RequestId} was stored but never started; queued now", accepted.RequestId);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException)
        {
            log.LogWarning(e, "Could not look at Slack request {RequestId}'s row; the inbox sweep takes it up if it is stuck", accepted.RequestId);
        }
    }

    /// <summary>
    /// Nothing was stored, so nothing may be acknowledged: events and clicks get a 503, which Slack retries (events) or
    /// shows as failed (clicks); a slash command, which Slack never retries, gets told plainly to try again.
    /// </summary>
    private IResult Unrecorded(SlackRequestKind kind, SlackInbound.Accepted accepted, Exception failure)
    {
        log.LogWarning(failure, "Slack {Kind} {RequestId} could not be stored within {Budget}; answered without acknowledging it", kind, accepted.RequestId, InboxWriteBudget);
        if (kind == SlackRequestKind.Command)
            return Results.Json(new { response_type = "ephemeral", text = "Sorry, I cannot record anything right now (my storage is not answering), so nothing was done. Please try again in a minute." });
        return Results.Text("the request could not be stored; try again", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The raw bytes, read once and before any parsing (the signature covers them exactly); null when too large.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        request.EnableBuffering(MaxBodyBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        request.Body.Position = 0;
        return buffer.ToArray();
    }
}
