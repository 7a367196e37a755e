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
        // A day is summed once a pass, after all its pending hours are folded: 24 reads a day, not 24 for each hour.
        var byDay = pending.GroupBy(h => (h.TenantKey, h.ApiId, Day: DateOnly.FromDateTime(h.Hour.UtcDateTime))).ToList();
        await Parallel.ForEachAsync(byDay, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (day, token) =>
        {
            foreach (var hour in day) Interlocked.Add(ref folded, await hours.FoldAsync(hour.TenantKey, hour.ApiId, hour.Hour, token));
            await days.RefreshAsync(day.Key.TenantKey, day.Key.ApiId, day.Key.Day, token);
            foreach (var hour in day) await hours.CompleteAsync(hour, token);
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
