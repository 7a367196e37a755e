using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Surveys;

namespace FeedbackBot.Storage;

/// <summary>
/// Surveys, runs, recipients, responses and opt-outs (key design in Storage/README.md): sending, counting and listing
/// a run are one-partition queries (PartitionKey = tenant|run id).
/// </summary>
public sealed class SurveyStore(Tables tables, Counters counters) : ISurveyStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> NextSurveyIdAsync(string tenantKey, CancellationToken cancellationToken) =>
        $"SV-{await counters.NextAsync(tenantKey, "surveys", 101, cancellationToken)}";

    public async Task AddAsync(Survey survey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Surveys, cancellationToken);
        await TenantRegistry.RegisterAsync(table, survey.TenantKey, cancellationToken);
        await table.AddEntityAsync(ToEntity(survey), cancellationToken);
    }

    public async Task<Survey?> GetAsync(string tenantKey, string surveyId, CancellationToken cancellationToken)
    {
        if (surveyId.Length is 0 or > 40) return null;
        var table = await tables.GetAsync(Tables.Surveys, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantKey), TableKey.Escape(surveyId), cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    public async Task<Survey?> UpdateAsync(string tenantKey, string surveyId, Func<Survey, Survey?> change, CancellationToken cancellationToken) =>
        await RowUpdate.UpdateAsync(await tables.GetAsync(Tables.Surveys, cancellationToken), TableKey.Escape(tenantKey), TableKey.Escape(surveyId),
            FromEntity, change, ToEntity, ifVersion: null, cancellationToken);

    public async Task<IReadOnlyList<Survey>> ListAsync(string tenantKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Surveys, cancellationToken);
        var partition = TableKey.Escape(tenantKey);
        var found = new List<Survey>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken)) found.Add(FromEntity(row));
        return found;
    }

    public async Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken) =>
        await TenantRegistry.ListAsync(await tables.GetAsync(Tables.Surveys, cancellationToken), cancellationToken);

    public async Task<bool> TryAddRunAsync(SurveyRun run, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SurveyRuns, cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(run), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<SurveyRun?> GetRunAsync(string tenantKey, string surveyId, int number, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SurveyRuns, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(RunsPartition(tenantKey, surveyId), RunRow(number), cancellationToken: cancellationToken);
        return found.HasValue ? RunFrom(found.Value!) : null;
    }

    public async Task<SurveyRun?> UpdateRunAsync(string tenantKey, string surveyId, int number, Func<SurveyRun, SurveyRun?> change, CancellationToken cancellationToken) =>
        await RowUpdate.UpdateAsync(await tables.GetAsync(Tables.SurveyRuns, cancellationToken), RunsPartition(tenantKey, surveyId), RunRow(number),
            RunFrom, change, ToEntity, ifVersion: null, cancellationToken);

    public async Task<IReadOnlyList<SurveyRun>> ListRunsAsync(string tenantKey, string surveyId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SurveyRuns, cancellationToken);
        var partition = RunsPartition(tenantKey, surveyId);
        var found = new List<SurveyRun>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken)) found.Add(RunFrom(row));
        return found;
    }

    public async Task AddRecipientsAsync(string tenantKey, string runId, IReadOnlyList<SurveyRecipient> recipients, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SurveyRecipients, cancellationToken);
        var partition = RunPartition(tenantKey, runId);
        // One partition: batches of 100 (Table Storage's transaction limit), upserts so a retried start is harmless.
        foreach (var chunk in recipients.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(partition, TableKey.Escape(r.Person.Key)) { ["Recipient"] = JsonSerializer.Serialize(r, Json) })), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<SurveyRecipient>> ListRecipientsAsync(string tenantKey, string runId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SurveyRecipients, cancellationToken);
        var partition = RunPartition(tenantKey, runId);
        var found = new List<SurveyRecipient>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
            found.Add(JsonSerializer.Deserialize<SurveyRecipient>(row.GetString("Recipient")!, Json)!);
        return found;
    }

    public async Task<SurveyRecipient?> GetRecipientAsync(string tenantKey, string runId, string personKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SurveyRecipients, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(RunPartition(tenantKey, runId), TableKey.Escape(personKey), cancellationToken: cancellationToken);
        return found.HasValue ? JsonSerializer.Deserialize<SurveyRecipient>(found.Value!.GetString("Recipient")!, Json) : null;
    }

    public async Task<SurveyResponse?> GetResponseAsync(string tenantKey, string runId, string respondentKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SurveyResponses, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(RunPartition(tenantKey, runId), TableKey.Escape(respondentKey), cancellationToken: cancellationToken);
        return found.HasValue ? ResponseFrom(found.Value!) : null;
    }

    public async Task SaveResponseAsync(string tenantKey, string runId, SurveyResponse response, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SurveyResponses, cancellationToken);
        var entity = new TableEntity(RunPartition(tenantKey, runId), TableKey.Escape(response.RespondentKey))
        {
            ["Answers"] = JsonSerializer.Serialize(response.Answers, Json),
            ["AnsweredAt"] = response.AnsweredAt,
        };
        // Anonymous answers carry no person at all: only the salted hash in the RowKey.
        if (response.Respondent is { } person) entity["Respondent"] = JsonSerializer.Serialize(person, Json);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<SurveyResponse>> ListResponsesAsync(string tenantKey, string runId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SurveyResponses, cancellationToken);
        var partition = RunPartition(tenantKey, runId);
        var found = new List<SurveyResponse>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken)) found.Add(ResponseFrom(row));
        return found;
    }

    public async Task SetOptedOutAsync(string tenantKey, string personKey, bool optedOut, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SurveyOptOuts, cancellationToken);
        if (optedOut) await table.UpsertEntityAsync(new TableEntity(TableKey.Escape(tenantKey), TableKey.Escape(personKey)), TableUpdateMode.Replace, cancellationToken);
        else await table.DeleteEntityAsync(TableKey.Escape(tenantKey), TableKey.Escape(personKey), ETag.All, cancellationToken);
    }

    public async Task<bool> IsOptedOutAsync(string tenantKey, string personKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.SurveyOptOuts, cancellationToken);
        return (await table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(tenantKey), TableKey.Escape(personKey), cancellationToken: cancellationToken)).HasValue;
    }

    private static string RunsPartition(string tenantKey, string surveyId) => TableKey.Escape($"{tenantKey}|{surveyId}");
    private static string RunPartition(string tenantKey, string runId) => TableKey.Escape($"{tenantKey}|{runId}");
    private static string RunRow(int number) => number.ToString("D6");

    private static TableEntity ToEntity(Survey s) => new(TableKey.Escape(s.TenantKey), TableKey.Escape(s.Id))
    {
        ["Survey"] = JsonSerializer.Serialize(s, Json),
        ["Status"] = s.Status.ToString(),
    };

    private static Survey FromEntity(TableEntity e) => JsonSerializer.Deserialize<Survey>(e.GetString("Survey")!, Json)!;

    private static TableEntity ToEntity(SurveyRun r) => new(RunsPartition(r.TenantKey, r.SurveyId), RunRow(r.Number))
    {
        ["Run"] = JsonSerializer.Serialize(r, Json),
    };

    private static SurveyRun RunFrom(TableEntity e) => JsonSerializer.Deserialize<SurveyRun>(e.GetString("Run")!, Json)!;

    private static SurveyResponse ResponseFrom(TableEntity e) => new(
        TableKey.Unescape(e.RowKey),
        e.GetString("Respondent") is { } person ? JsonSerializer.Deserialize<Person>(person, Json) : null,
        JsonSerializer.Deserialize<Dictionary<string, string>>(e.GetString("Answers") ?? "{}", Json)!,
        e.GetDateTimeOffset("AnsweredAt") ?? DateTimeOffset.MinValue);
}
