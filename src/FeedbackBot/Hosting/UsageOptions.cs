using Cronos;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary><c>Usage</c>: the ingest endpoints' limits, the fold job and the usage digest's schedule.</summary>
public sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary>Largest body accepted as sent (compressed or not), in bytes. Default 8 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest body once gunzipped, in bytes: a small gzip cannot expand into a huge one. Default 32 MiB.</summary>
    public int MaxDecompressedBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Most records (lines, array elements, spans) in one batch. Default 10,000.</summary>
    public int MaxRecordsPerBatch { get; set; } = 10_000;

    /// <summary>Batches a key may send a minute on one instance, after <see cref="BurstPerKey"/>; above it the answer is 429.</summary>
    public int RequestsPerMinutePerKey { get; set; } = 6_000;

    public int BurstPerKey { get; set; } = 200;

    /// <summary>How long a resent batch is still recognised; older records are refused. Default 7 days.</summary>
    public int DeduplicationDays { get; set; } = 7;

    /// <summary>How far ahead of this server's clock a record may be dated (gateway clocks drift). Default 5 minutes.</summary>
    public int FutureSkewMinutes { get; set; } = 5;

    /// <summary>
    /// HMAC key for consumer ids of keys made with <c>--hash-consumers</c> (secret: user secrets or the environment,
    /// <c>Usage__ConsumerHashKey</c>). Empty: such keys cannot be made.
    /// </summary>
    public string ConsumerHashKey { get; set; } = "";

    /// <summary>Cron of the fold job (deltas into hours, hours into days). Default every minute: usage shows within 2 minutes.</summary>
    public string RollupCron { get; set; } = "* * * * *";

    /// <summary>Cron of the weekly usage digest, in <c>Digest:TimeZone</c>. Default Monday 09:05.</summary>
    public string DigestCron { get; set; } = "5 9 * * 1";

    public TimeSpan Horizon => TimeSpan.FromDays(DeduplicationDays);
}

public sealed class UsageOptionsValidation : IValidateOptions<UsageOptions>
{
    public ValidateOptionsResult Validate(string? name, UsageOptions options)
    {
        var errors = new List<string>();
        void Range(string setting, long value, long min, long max, string example)
        {
            if (value < min || value > max) errors.Add($"Usage:{setting} is {value}; give a number between {min} and {max}, e.g. {example}.");
        }
        Range(nameof(options.MaxBodyBytes), options.MaxBodyBytes, 1024, 256 * 1024 * 1024, "8388608 (8 MiB)");
        Range(nameof(options.MaxDecompressedBytes), options.MaxDecompressedBytes, options.MaxBodyBytes, 1024 * 1024 * 1024, "33554432 (32 MiB), at least Usage:MaxBodyBytes");
        Range(nameof(options.MaxRecordsPerBatch), options.MaxRecordsPerBatch, 1, 100_000, "10000");
        Range(nameof(options.RequestsPerMinutePerKey), options.RequestsPerMinutePerKey, 1, 1_000_000, "6000");
        Range(nameof(options.BurstPerKey), options.BurstPerKey, 1, 100_000, "200");
        Range(nameof(options.DeduplicationDays), options.DeduplicationDays, 1, 60, "7");
        Range(nameof(options.FutureSkewMinutes), options.FutureSkewMinutes, 0, 1440, "5");
        foreach (var (setting, cron) in new[] { ("RollupCron", options.RollupCron), ("DigestCron", options.DigestCron) })
        {
            try
            {
                CronExpression.Parse(cron);
            }
            catch (CronFormatException e)
            {
                errors.Add($"Usage:{setting} '{cron}' is not a cron expression ({e.Message}). Use five fields, e.g. \"* * * * *\" for every minute.");
            }
        }
        if (options.ConsumerHashKey.Length is > 0 and < 16)
            errors.Add("Usage:ConsumerHashKey is shorter than 16 characters; use a long random secret (e.g. 32 bytes as base64), or leave it empty.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
