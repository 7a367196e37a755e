using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Storage;

/// <summary>Pending questions. Keys: PartitionKey = tenant key, RowKey = conversation id + '|' + person key (escaped).</summary>
public sealed class FlowStateStore(Tables tables) : IFlowStateStore
{
    public async Task<PendingQuestion?> GetAsync(ConversationAddress conversation, Person user, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.FlowState, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition(conversation), Row(conversation, user), cancellationToken: cancellationToken);
        if (!found.HasValue) return null;
        var entity = found.Value!;
        return new PendingQuestion(entity.GetString("ResumeCommand") ?? "", entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);
    }

    public async Task SaveAsync(ConversationAddress conversation, Person user, PendingQuestion question, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.FlowState, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition(conversation), Row(conversation, user))
        {
            ["ResumeCommand"] = question.ResumeCommand,
            ["ExpiresAt"] = question.ExpiresAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task ClearAsync(ConversationAddress conversation, Person user, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.FlowState, cancellationToken);
        await table.DeleteEntityAsync(Partition(conversation), Row(conversation, user), cancellationToken: cancellationToken);
    }

    private static string Partition(ConversationAddress conversation) => TableKey.Escape(conversation.TenantKey);

    private static string Row(ConversationAddress conversation, Person user) => TableKey.Escape($"{conversation.ConversationId}|{user.Key}");
}
