using Cronos;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary><c>Digest</c>: when the weekly road map digest goes out, and how its sends are retried.</summary>
public sealed class DigestOptions
{
    public const string Section = "Digest";

    /// <summary>Cron (5 fields) of the weekly run, in <see cref="TimeZone"/>. Default: Monday 09:00.</summary>
    public string Cron { get; set; } = "0 9 * * 1";

    /// <summary>IANA or Windows time zone id of the cron and of the week a digest covers.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Post a short "quiet week" card when none of a channel's APIs had activity (default: post nothing).</summary>
    public bool PostWhenQuiet { get; set; }

    /// <summary>Retries of one channel's send after a temporary failure (429, 5xx, timeout).</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>Wait before the first retry; each next one waits four times longer (15 s, 1 min, 4 min).</summary>
    public int RetryDelaySeconds { get; set; } = 15;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public int[] RetryDelays => Enumerable.Range(0, RetryAttempts).Select(i => RetryDelaySeconds * (int)Math.Pow(4, i)).ToArray();
}

public sealed class DigestOptionsValidation : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        var errors = new List<string>();
        try
        {
            CronExpression.Parse(options.Cron);
        }
        catch (CronFormatException e)
        {
            errors.Add($"Digest:Cron '{options.Cron}' is not a cron expression ({e.Message}). Use five fields, e.g. \"0 9 * * 1\" for Mondays at 09:00.");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
            errors.Add($"Digest:TimeZone '{options.TimeZone}' is not a known time zone. Use an IANA id like Europe/Paris or America/New_York.");
        if (options.RetryAttempts is < 0 or > 10)
            errors.Add($"Digest:RetryAttempts is {options.RetryAttempts}; give a number of retries between 0 and 10, e.g. 3.");
        if (options.RetryDelaySeconds is < 1 or > 3600)
            errors.Add($"Digest:RetryDelaySeconds is {options.RetryDelaySeconds}; give seconds between 1 and 3600, e.g. 15.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
