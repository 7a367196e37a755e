using FeedbackBot.Hosting;
using FeedbackBot.Storage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Jobs;

/// <summary>
/// The fold pass (every minute by default): each pending hour's deltas go into its hour document, then its day is
/// summed again. Safe on several instances at once: folds and day sums are written under ETags, and a pending hour
/// is only cleared when no batch arrived since it was read.
/// </summary>
public sealed class UsageRollupJob(UsageHourStore hours, UsageDayStore days, ILogger<UsageRollupJob> log)
{
    public const string Id = "usage-rollup";

    /// <summary>Returns how many deltas this pass folded.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var pending = await hours.PendingAsync(cancellationToken);
        var folded = 0;
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (hour, token) =>
        {
            Interlocked.Add(ref folded, await hours.FoldAsync(hour.TenantKey, hour.ApiId, hour.Hour, token));
            await days.RefreshAsync(hour.TenantKey, hour.ApiId, DateOnly.FromDateTime(hour.Hour.UtcDateTime), token);
            await hours.CompleteAsync(hour, token);
        });
        if (folded > 0) log.LogInformation("Usage rollup: {Deltas} batch delta(s) folded into {Hours} hour(s)", folded, pending.Count);
        return folded;
    }

    public static void Schedule(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<UsageOptions>>().Value;
        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<UsageRollupJob>(Id, job => job.RunAsync(CancellationToken.None), options.RollupCron);
    }
}
