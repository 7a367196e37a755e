namespace FeedbackBot.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide and points at the host that configured it last. When that host stops
/// while another keeps running in the same process (tests, hosts started twice), its logger factory is disposed:
/// Hangfire then gets a silent logger instead of an exception in the middle of creating a job.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return new Hangfire.AspNetCore.AspNetCoreLogProvider(factory).GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : Hangfire.Logging.ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
