using System.Collections.Concurrent;
using System.Text;
using Azure.Data.Tables;
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
    public const string TriageRoutes = "TriageRoutes";
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

/// <summary>
/// Partition and row keys may not hold '/', '\', '#', '?' or control characters. Ids from Teams and Slack are
/// escaped (%XX, like a URL) so any id is a valid key and two different ids never share one.
/// </summary>
public static class TableKey
{
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c)) builder.Append('%').Append(((int)c).ToString("X2"));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>The exact inverse of <see cref="Escape"/> (a key read back from a row).</summary>
    public static string Unescape(string key)
    {
        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length && int.TryParse(key.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else builder.Append(key[i]);
        }
        return builder.ToString();
    }
}
