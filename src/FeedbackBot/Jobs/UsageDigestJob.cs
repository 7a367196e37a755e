using FeedbackBot.Core.Digests;
using FeedbackBot.Hosting;
using FeedbackBot.Messaging;
using Hangfire;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Jobs;

/// <summary>The usage digest's own delivery: the road map digest's <see cref="DigestDelivery"/>, over the usage subscriptions and composer.</summary>
public sealed record UsageDigestDelivery(DigestDelivery Delivery, ISubscriptionStore Subscriptions);

/// <summary>
/// The weekly usage digest on Hangfire, shaped like <see cref="WeeklyDigestJob"/>: the parent enqueues one child per
/// active channel, round-robin across tenants; each child posts at most once (claimed in the delivery log under
/// <c>usage-digest|&lt;week&gt;</c>, apart from the road map digest's claims).
/// </summary>
public sealed class UsageDigestJob(
    UsageDigestDelivery usage, RateLimitedMessenger messenger, IBackgroundJobClient jobs, DigestSettings settings, TimeProvider time, ILogger<UsageDigestJob> log)
{
    public const string Id = "usage-digest";

    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var period = DigestPeriod.LastWeek(time.GetUtcNow(), settings.Zone);
        var perTenant = new List<Queue<(string Tenant, string Channel)>>();
        foreach (var tenant in await usage.Subscriptions.TenantsAsync(cancellationToken))
        {
            var channels = (await usage.Subscriptions.ListAsync(tenant, cancellationToken)).Where(s => s.Active).Select(s => (tenant, s.Channel.Address.ConversationId));
            perTenant.Add(new Queue<(string, string)>(channels));
        }
        var enqueued = 0;
        while (perTenant.Any(q => q.Count > 0))
        {
            foreach (var queue in perTenant.Where(q => q.Count > 0))
            {
                var (tenantKey, channelId) = queue.Dequeue();
                jobs.Enqueue<UsageDigestJob>(job => job.SendAsync(tenantKey, channelId, period.Id, period.Start, period.End, CancellationToken.None));
                enqueued++;
            }
        }
        log.LogInformation("Usage digest {Period}: {Count} channel(s) enqueued", period.Id, enqueued);
        return enqueued;
    }

    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [DigestRetry]
    public async Task<DigestOutcome> SendAsync(string tenantKey, string channelId, string periodId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var outcome = await usage.Delivery.DeliverAsync(tenantKey, channelId, new DigestPeriod(periodId, start, end), messenger, cancellationToken);
        log.LogDebug("Usage digest {Period} for {Channel} in {Tenant}: {Outcome}", periodId, channelId, tenantKey, outcome);
        return outcome;
    }

    public static void Schedule(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<UsageOptions>>().Value;
        var zone = services.GetRequiredService<DigestSettings>().Zone;
        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<UsageDigestJob>(
            Id, job => job.RunAsync(CancellationToken.None), options.DigestCron, new RecurringJobOptions { TimeZone = zone });
    }
}
