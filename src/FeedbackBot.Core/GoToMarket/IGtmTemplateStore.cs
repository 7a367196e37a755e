namespace FeedbackBot.Core.GoToMarket;

/// <summary>Each tenant's go-to-market checklist; a tenant that never edited it has none stored (the default applies).</summary>
public interface IGtmTemplateStore
{
    Task<GtmTemplate?> GetAsync(string tenantKey, CancellationToken cancellationToken);

    Task SaveAsync(string tenantKey, GtmTemplate template, string changedBy, CancellationToken cancellationToken);
}
