using FeedbackBot.Core.Digests;
using FeedbackBot.Messaging;
using Hangfire;

namespace FeedbackBot.Jobs;

/// <summary>
/// The weekly road map digest on Hangfire: the recurring parent works out the week and enqueues one child per active
/// subscription; each child posts (at most once, see <see cref="DigestDelivery"/>) and is retried on its own.
/// </summary>
public sealed class WeeklyDigestJob(
    ISubscriptionStore subscriptions, DigestDelivery delivery, RateLimitedMessenger messenger, IBackgroundJobClient jobs,
    DigestSettings settings, TimeProvider time, ILogger<WeeklyDigestJob> log)
{
    public const string Id = "weekly-digest";

    /// <summary>Enqueues the week's children; returns how many. A retry or a second run enqueues again, and the children skip what was sent.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var period = DigestPeriod.LastWeek(time.GetUtcNow(), settings.Zone);
        var perTenant = new List<Queue<(string Tenant, string Channel)>>();
        foreach (var tenant in await subscriptions.TenantsAsync(cancellationToken))
        {
            var channels = (await subscriptions.ListAsync(tenant, cancellationToken)).Where(s => s.Active).Select(s => s.Channel.Address.ConversationId);
            perTenant.Add(new Queue<(string, string)>(channels.Select(channel => (tenant, channel))));
        }

        // Round-robin across tenants: each tenant has its own rate limit, so interleaving keeps every bucket busy
        // instead of all workers queuing behind one tenant's limit at a time.
        var enqueued = 0;
        while (perTenant.Any(q => q.Count > 0))
        {
            foreach (var queue in perTenant.Where(q => q.Count > 0))
            {
                var (tenantKey, channelId) = queue.Dequeue();
                jobs.Enqueue<WeeklyDigestJob>(job => job.SendAsync(tenantKey, channelId, period.Id, period.Start, period.End, CancellationToken.None));
                enqueued++;
            }
        }
        log.LogInformation("Weekly digest {Period}: {Count} channel(s) enqueued", period.Id, enqueued);
        return enqueued;
    }

    /// <summary>One channel's digest. A temporary failure throws, so Hangfire retries this channel only.</summary>
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    [DigestRetry]
    public async Task<DigestOutcome> SendAsync(string tenantKey, string channelId, string periodId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var outcome = await delivery.DeliverAsync(tenantKey, channelId, new DigestPeriod(periodId, start, end), messenger, cancellationToken);
        if (outcome == DigestOutcome.MarkedInactive)
            log.LogWarning("Weekly digest {Period} for {Channel} in {Tenant}: the channel is gone; its subscription is now inactive (`digest` shows why)", periodId, channelId, tenantKey);
        else
            log.LogDebug("Weekly digest {Period} for {Channel} in {Tenant}: {Outcome}", periodId, channelId, tenantKey, outcome);
        return outcome;
    }
}
