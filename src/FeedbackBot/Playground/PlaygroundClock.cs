namespace FeedbackBot.Playground;

/// <summary>
/// The bot's time in playground mode: the real time plus days the page skipped ahead, so a week of reminders, digests
/// and survey runs can be tried in a minute. Skipping only moves forward; a reset puts it back.
/// </summary>
public sealed class PlaygroundClock : TimeProvider
{
    public const int MaxSkipDays = 60;

    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Skip(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public void Set(TimeSpan offset) => Interlocked.Exchange(ref offsetTicks, offset.Ticks);

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public override long GetTimestamp() => System.GetTimestamp();

    public override long TimestampFrequency => System.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);
}
