using System.Text.Json;

namespace FeedbackBot.Core.Usage;

/// <summary>
/// Kong's http-log plugin payload, one object or an array when Kong batches (<c>queue.max_batch_size</c> &gt; 1).
/// API: <c>service.name</c> (else <c>service.id</c>), a gateway id <c>usage map</c> turns into a catalog API.
/// Consumer: <c>consumer.username</c>, <c>custom_id</c> or <c>id</c>, else the authenticated credential, else
/// <c>anonymous</c>. Route: the request path, templated. Latency: <c>latencies.request</c>. Time: <c>started_at</c>.
/// Headers, client IP, query strings and bodies are read past, never kept.
/// </summary>
public static class KongFormat
{
    public static ParsedBatch Parse(ReadOnlyMemory<byte> body)
    {
        var batch = new ParsedBatch();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object) Read(root, 1, batch);
            else if (root.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var entry in root.EnumerateArray()) Read(entry, ++index, batch);
            }
            else batch.Malformed = "Kong's http-log sends a JSON object, or an array of them when batching.";
        }
        catch (JsonException e)
        {
            batch.Malformed = $"Not JSON: {OwnRecordFormat.FirstSentence(e.Message)}";
        }
        return batch;
    }

    private static void Read(JsonElement entry, int line, ParsedBatch batch)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            batch.Reject(line, RejectKinds.Malformed, "not a JSON object");
            return;
        }
        var api = entry.Path("service", "name").Text() ?? entry.Path("service", "id").Text() ?? "";
        var status = entry.Path("response", "status").Number();
        var latency = entry.Path("latencies", "request").Number();
        var at = entry.Get("started_at").Timestamp();
        var reason =
            api.Length == 0 ? "no \"service.name\" or \"service.id\": which API was called?"
            : status is not ({ } s and >= 100 and <= 599) ? "\"response.status\" is missing or not an HTTP status"
            : latency is not ({ } l and >= 0) ? "\"latencies.request\" is missing or not a number of milliseconds"
            : at is null ? "\"started_at\" is missing or not epoch milliseconds"
            : null;
        if (reason is not null)
        {
            batch.Reject(line, RejectKinds.Malformed, reason);
            return;
        }
        var consumer = entry.Path("consumer", "username").Text() ?? entry.Path("consumer", "custom_id").Text() ?? entry.Path("consumer", "id").Text()
            ?? entry.Path("authenticated_entity", "id").Text() ?? "anonymous";
        var path = entry.Path("request", "uri").Text() ?? entry.Path("request", "url").Text();
        batch.Records.Add((line, new UsageRecord(at!.Value, api.Trim(), consumer.Trim(), (int)status!.Value, latency!.Value,
            RouteTemplate.Of(path), entry.Path("request", "method").Text() ?? "",
            entry.Path("request", "size").Long(), entry.Path("response", "size").Long())));
    }
}
