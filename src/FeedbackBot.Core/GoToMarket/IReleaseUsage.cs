namespace FeedbackBot.Core.GoToMarket;

/// <summary>
/// The seam for usage analytics (built separately): the share of an API's calls on a release's version or its new
/// routes since it was published, as a line for the PM's follow-up card; null while no usage data exists for the API.
/// </summary>
public interface IReleaseUsage
{
    Task<string?> ShareAsync(string tenantKey, string apiId, string version, DateTimeOffset since, CancellationToken cancellationToken);
}
