using System.Collections.Concurrent;
using Azure.Data.Tables;
using FeedbackBot.Hosting;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Storage;

/// <summary>The table clients of this instance: prefixed names, each table created once, on first use.</summary>
public sealed class Tables(TableServiceClient service, IOptions<StorageOptions> options)
{
    public const string Catalog = "Catalog";
    public const string FlowState = "FlowState";
    public const string SlackInbox = "SlackInbox";
    public const string Reports = "Reports";
    public const string ReportIndex = "ReportIndex";
    public const string ReportVotes = "ReportVotes";
    public const string Counters = "Counters";
    public const string Drafts = "Drafts";
    /// <summary>Triage channels (the table kept its first name, so existing rows stay where they are).</summary>
    public const string TriageChannels = "TriageRoutes";
    public const string Deliveries = "Deliveries";
    public const string Roadmap = "Roadmap";
    public const string RoadmapIndex = "RoadmapIndex";
    public const string RoadmapSupport = "RoadmapSupport";
    public const string DigestSubscriptions = "DigestSubscriptions";
    public const string Surveys = "Surveys";
    public const string SurveyRuns = "SurveyRuns";
    public const string SurveyRecipients = "SurveyRecipients";
    public const string SurveyResponses = "SurveyResponses";
    public const string SurveyOptOuts = "SurveyOptOuts";
    public const string SlackDirectMessages = "SlackDirectMessages";
    public const string Instances = "Instances";
    public const string ReleasePlans = "ReleasePlans";
    public const string GtmTemplates = "GtmTemplates";

    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> clients = new();

    public TableServiceClient Service => service;

    public string NameOf(string table) => options.Value.TablePrefix + table;

    public Task<TableClient> GetAsync(string table, CancellationToken cancellationToken = default)
    {
        var lazy = clients.GetOrAdd(table, name => new Lazy<Task<TableClient>>(() => CreateAsync(name)));
        var task = lazy.Value;
        // A failed creation (storage down at that moment) must not be remembered forever.
        if (task.IsFaulted) clients.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(table, lazy));
        return task.WaitAsync(cancellationToken);
    }

    private async Task<TableClient> CreateAsync(string table)
    {
        var client = service.GetTableClient(NameOf(table));
        await client.CreateIfNotExistsAsync();
        return client;
    }
}
