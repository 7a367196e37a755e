using System.Diagnostics;

namespace FeedbackBot.Benchmarks.Turns;

/// <summary>One request the load sends: what to post, and the conversation its reply will arrive in.</summary>
public sealed record Arrival(Func<HttpRequestMessage> Request, string ReplyTo);

/// <summary>What happened to one request: when it was due, when it was acknowledged (and how), when its reply came.</summary>
public sealed record Outcome(TimeSpan Due, TimeSpan? Acknowledged, int Status, string ReplyTo)
{
    public TimeSpan? Reply { get; set; }
}

/// <summary>
/// Open-loop load: request i is sent at start + i/rate whether or not earlier ones were answered, and its latency is
/// counted from when it was due, so a server that falls behind is not flattered by a client that waits for it.
/// </summary>
public static class OpenLoad
{
    public static async Task<IReadOnlyList<Outcome>> RunAsync(HttpClient client, Stopwatch clock, double rate, int count,
        Func<int, Arrival> arrival, TimeSpan timeout)
    {
        var start = clock.Elapsed;
        var sends = new Task<Outcome>[count];
        for (var i = 0; i < count; i++)
        {
            var due = start + TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            sends[i] = SendAsync(client, clock, due, arrival(i), timeout);
        }
        return await Task.WhenAll(sends);
    }

    private static async Task<Outcome> SendAsync(HttpClient client, Stopwatch clock, TimeSpan due, Arrival arrival, TimeSpan timeout)
    {
        // Let the scheduling loop go on at once: the send runs on the thread pool.
        await Task.Yield();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            using var request = arrival.Request();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancel.Token);
            return new Outcome(due, clock.Elapsed, (int)response.StatusCode, arrival.ReplyTo);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return new Outcome(due, null, 0, arrival.ReplyTo);
        }
    }

    /// <summary>The <paramref name="p"/>th percentile (0-100) by nearest rank; null for no values.</summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
