using FeedbackBot.Core.Digests;

namespace FeedbackBot.Core.Usage;

/// <summary>
/// Where a platform fetches an API's week drawn as a chart (daily calls by outcome, p95, releases). The host draws and
/// signs; null when the bot has no public address, and the card shows the days as text.
/// </summary>
public interface IUsageChartLinks
{
    Task<string?> ForAsync(string tenantKey, string apiId, DigestPeriod period, UsageWeek week, CancellationToken cancellationToken);
}
