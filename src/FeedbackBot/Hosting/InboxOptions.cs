using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary><c>Inbox</c>: how often each instance looks over the Slack inbox, and when a row counts as stuck.</summary>
public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>How often the unfinished rows are counted (metrics, <c>/health</c>); a few cheap queries, one per shard.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A row acknowledged longer ago than this and still unanswered is stuck: <c>/health</c> says so.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a stopping instance lets its running turns finish before it hands their rows back.</summary>
    public TimeSpan DrainGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a stopping instance keeps serving while its readiness check fails, so the load balancer can stop sending.</summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;
}

public sealed class InboxOptionsValidation : IValidateOptions<InboxOptions>
{
    public ValidateOptionsResult Validate(string? name, InboxOptions options)
    {
        var errors = new List<string>();
        if (options.SweepInterval < TimeSpan.FromSeconds(1) || options.SweepInterval > TimeSpan.FromMinutes(10))
            errors.Add($"Inbox:SweepInterval is {options.SweepInterval}; give between 00:00:01 and 00:10:00 (default 00:01:00).");
        if (options.StuckAfter < TimeSpan.FromSeconds(10))
            errors.Add($"Inbox:StuckAfter is {options.StuckAfter}; give at least 00:00:10 (default 00:05:00).");
        if (options.DrainGrace < TimeSpan.Zero || options.DrainGrace > TimeSpan.FromMinutes(2))
            errors.Add($"Inbox:DrainGrace is {options.DrainGrace}; give between 00:00:00 and 00:02:00 (default 00:00:20).");
        if (options.DrainDelay < TimeSpan.Zero || options.DrainDelay > TimeSpan.FromMinutes(1))
            errors.Add($"Inbox:DrainDelay is {options.DrainDelay}; give between 00:00:00 and 00:01:00.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
