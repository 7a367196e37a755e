namespace FeedbackBot.Tests.Infrastructure;

/// <summary>
/// The one wait of the HTTP tests for work the bot finishes after it answered (jobs, inbox rows, health): polls until
/// a condition holds and otherwise fails naming what it waited for. A wait, not a timed assertion: the time out only
/// turns a hang into a clear failure.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        ReadUntilAsync(() => Task.FromResult(condition()), done => done, what, timeout);

    /// <summary>Reads until <paramref name="done"/> accepts the value and returns that value.</summary>
    public static async Task<T> ReadUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what,
        TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Timed out after {limit.TotalSeconds:0} s waiting for {what}.");
            if (interval != TimeSpan.Zero) await Task.Delay(interval ?? DefaultInterval);
        }
    }
}
