using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace FeedbackBot.Benchmarks.Turns;

/// <summary>
/// Counts every request the table client sends (each attempt, retries included), by operation and table, e.g.
/// <c>query Reports</c> or <c>412 update Counters</c> for an answer that was not a success.
/// </summary>
public sealed class StorageCount(string tablePrefix) : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(counts);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        var name = Name(message.Request);
        var status = message.HasResponse ? message.Response.Status : 0;
        counts.AddOrUpdate(status is >= 200 and < 300 ? name : $"{status} {name}", 1, (_, n) => n + 1);
    }

    /// <summary>"query Reports", "read Counters", "insert SlackInbox" ...: the table without this run's prefix.</summary>
    private string Name(Request request)
    {
        var path = request.Uri.Path.TrimEnd('/');
        var segment = path[(path.LastIndexOf('/') + 1)..];
        var paren = segment.IndexOf('(');
        var table = paren < 0 ? segment : segment[..paren];
        var keyed = paren >= 0 && segment.Length > paren + 2;
        if (table.StartsWith(tablePrefix, StringComparison.Ordinal)) table = table[tablePrefix.Length..];
        var operation = request.Method.Method switch
        {
            "GET" => keyed ? "read" : "query",
            "POST" when table == "$batch" => "batch",
            "POST" => "insert",
            "PUT" => "upsert",
            "MERGE" or "PATCH" => "merge",
            "DELETE" => "delete",
            var other => other,
        };
        return table == "$batch" ? "batch" : $"{operation} {table}";
    }
}
