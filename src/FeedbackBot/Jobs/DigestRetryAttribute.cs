using System.Runtime.CompilerServices;
using FeedbackBot.Hosting;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace FeedbackBot.Jobs;

/// <summary>
/// Hangfire's <see cref="Hangfire.AutomaticRetryAttribute"/> with attempts and delays from configuration
/// (<c>Digest:RetryAttempts</c>, <c>Digest:RetryDelaySeconds</c>). An attribute is built by reflection and cannot
/// take options, so each app registers its policy against its own <see cref="Hangfire.JobStorage"/> (two apps in one
/// process, as in tests, keep theirs apart).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DigestRetryAttribute : JobFilterAttribute, IElectStateFilter, IApplyStateFilter
{
    private static readonly ConditionalWeakTable<Hangfire.JobStorage, Hangfire.AutomaticRetryAttribute> Policies = new();

    private static readonly Hangfire.AutomaticRetryAttribute Default = Policy(new DigestOptions());

    public static void Register(Hangfire.JobStorage storage, DigestOptions options) => Policies.AddOrUpdate(storage, Policy(options));

    public void OnStateElection(ElectStateContext context) => For(context.Storage).OnStateElection(context);

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction) => For(context.Storage).OnStateApplied(context, transaction);

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction) => For(context.Storage).OnStateUnapplied(context, transaction);

    private static Hangfire.AutomaticRetryAttribute For(Hangfire.JobStorage storage) => Policies.TryGetValue(storage, out var policy) ? policy : Default;

    private static Hangfire.AutomaticRetryAttribute Policy(DigestOptions options) => new()
    {
        Attempts = options.RetryAttempts,
        DelaysInSeconds = options.RetryAttempts == 0 ? [1] : options.RetryDelays,
        OnAttemptsExceeded = Hangfire.AttemptsExceededAction.Fail,
    };
}
