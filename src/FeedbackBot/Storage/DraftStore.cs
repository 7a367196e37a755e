using System.Text.Json;
using Azure.Data.Tables;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Storage;

/// <summary>Drafts waiting on their reporter. Keys: PartitionKey = tenant key + '|' + person key, RowKey = draft id.</summary>
public sealed class DraftStore(Tables tables, TimeProvider time) : IDraftStore
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> SaveAsync(string tenantKey, string personKey, ReportDraft draft, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Drafts, cancellationToken);
        var id = "d" + Guid.NewGuid().ToString("N")[..12];
        await table.AddEntityAsync(new TableEntity(Partition(tenantKey, personKey), id)
        {
            ["Draft"] = JsonSerializer.Serialize(draft, Json),
            ["ExpiresAt"] = time.GetUtcNow() + Lifetime,
        }, cancellationToken);
        return id;
    }

    public async Task<ReportDraft?> GetAsync(string tenantKey, string personKey, string draftId, CancellationToken cancellationToken)
    {
        if (draftId.Length is 0 or > 40) return null;
        var table = await tables.GetAsync(Tables.Drafts, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantKey, personKey), TableKey.Escape(draftId), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.GetDateTimeOffset("ExpiresAt") < time.GetUtcNow()) return null;
        return JsonSerializer.Deserialize<ReportDraft>(found.Value.GetString("Draft")!, Json);
    }

    public async Task DeleteAsync(string tenantKey, string personKey, string draftId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Drafts, cancellationToken);
        await table.DeleteEntityAsync(Partition(tenantKey, personKey), TableKey.Escape(draftId), cancellationToken: cancellationToken);
    }

    private static string Partition(string tenantKey, string personKey) => TableKey.Escape($"{tenantKey}|{personKey}");
}
