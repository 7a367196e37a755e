using System.Diagnostics;
using System.Diagnostics.Metrics;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Hosting;

/// <summary>
/// The bot's own traces and metrics (exported by <see cref="TelemetrySetup"/> when configured). Names follow
/// OpenTelemetry's conventions: dotted, lower case, units in the instrument, low-cardinality tags only (platform,
/// handler, outcome), never a person or a conversation.
/// </summary>
public static class BotTelemetry
{
    public const string Name = "FeedbackBot";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    /// <summary>Turns run, by platform, handler (a command's words or a card verb) and outcome (ok, failed).</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("feedbackbot.turns", "{turn}", "Turns run through the router.");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("feedbackbot.turn.duration", "s", "Time from routing a turn to its replies being ready.");

    /// <summary>Time from a request arriving to its acknowledgement (Slack: the inbox row written and 200 sent; Teams: the turn done).</summary>
    public static readonly Histogram<double> AckDuration = Meter.CreateHistogram<double>("feedbackbot.ack.duration", "s", "Time to acknowledge a platform request.");

    /// <summary>Sends to people and channels by platform and outcome (sent, throttled, failed, gone).</summary>
    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("feedbackbot.deliveries", "{message}", "Messages the bot tried to send.");

    /// <summary>429 answers from Teams or Slack, by platform.</summary>
    public static readonly Counter<long> Throttled = Meter.CreateCounter<long>("feedbackbot.platform.throttled", "{response}", "Rate-limit answers (429) from a platform.");

    /// <summary>Work taken up again after it did not finish the first time (inbox rows, deliveries), by what.</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("feedbackbot.retries", "{retry}", "Work taken up again after a failure or a crash.");

    /// <summary>
    /// Runs one turn through the router inside a span named after its handler, counting it and timing it. The handler
    /// name comes from the router's own routes, so the tag stays within the set of commands and verbs.
    /// </summary>
    public static async Task<IReadOnlyList<Reply>> RouteAsync(TurnRouter router, Turn turn, CancellationToken cancellationToken)
    {
        var handler = HandlerOf(router, turn);
        using var activity = Source.StartActivity($"turn {handler}");
        activity?.SetTag("feedbackbot.platform", turn.Conversation.Platform.ToString());
        activity?.SetTag("feedbackbot.handler", handler);
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await router.RouteAsync(turn, cancellationToken);
        }
        catch (Exception e)
        {
            outcome = "failed";
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            var tags = new TagList { { "platform", turn.Conversation.Platform.ToString() }, { "handler", handler }, { "outcome", outcome } };
            Turns.Add(1, tags);
            TurnDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private static readonly Lazy<HashSet<string>> KnownVerbs = new(() => ConversationRoutes.Actions.Select(a => a.Verb).ToHashSet(StringComparer.Ordinal));

    internal static string HandlerOf(TurnRouter router, Turn turn)
    {
        if (turn.Action is { } action) return KnownVerbs.Value.Contains(action.Verb) ? action.Verb : "unknown-verb";
        var text = (turn.Text ?? "").Trim();
        var command = router.Commands.FirstOrDefault(c =>
            text.StartsWith(c.Words, StringComparison.OrdinalIgnoreCase) && (text.Length == c.Words.Length || char.IsWhiteSpace(text[c.Words.Length])));
        return command?.Words ?? (text.Length == 0 ? "empty" : "text");
    }
}
