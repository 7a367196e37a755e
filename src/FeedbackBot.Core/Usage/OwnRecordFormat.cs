using System.Text;
using System.Text.Json;

namespace FeedbackBot.Core.Usage;

/// <summary>
/// FeedbackBot's own record (README, "Usage analytics"): NDJSON, one record a line, or one JSON array.
/// <c>{"ts":"2026-11-30T10:15:02.120Z","api":"payments","consumer":"acme-shop","status":200,"latency_ms":83.5,
/// "route":"/payments/{id}","method":"GET","bytes_in":312,"bytes_out":1840,"id":"r-1"}</c>. Unknown fields are ignored.
/// </summary>
public static class OwnRecordFormat
{
    public static ParsedBatch Parse(ReadOnlyMemory<byte> body)
    {
        var batch = new ParsedBatch();
        var span = body.Span;
        var start = 0;
        while (start < span.Length && (span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' || span[start] == 0xEF || span[start] == 0xBB || span[start] == 0xBF)) start++;
        if (start < span.Length && span[start] == (byte)'[') return ParseArray(body, batch);

        var line = 0;
        var parsedAny = false;
        while (start < span.Length)
        {
            line++;
            var end = span[start..].IndexOf((byte)'\n');
            var slice = end < 0 ? body[start..] : body.Slice(start, end);
            start = end < 0 ? span.Length : start + end + 1;
            if (IsBlank(slice.Span)) continue;
            try
            {
                using var document = JsonDocument.Parse(slice);
                parsedAny = true;
                Read(document.RootElement, line, batch);
            }
            catch (JsonException e)
            {
                batch.Reject(line, RejectKinds.Malformed, $"not JSON ({FirstSentence(e.Message)})");
            }
        }
        if (!parsedAny) batch.Malformed = batch.Rejected.Count == 0 ? "The body is empty: send NDJSON records, one a line, or a JSON array." : "No line is JSON: send NDJSON records, one a line, or a JSON array.";
        return batch;
    }

    private static ParsedBatch ParseArray(ReadOnlyMemory<byte> body, ParsedBatch batch)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray()) Read(element, ++index, batch);
        }
        catch (JsonException e)
        {
            batch.Malformed = $"The body starts as a JSON array but is not one: {FirstSentence(e.Message)}";
        }
        return batch;
    }

    private static void Read(JsonElement element, int line, ParsedBatch batch)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            batch.Reject(line, RejectKinds.Malformed, "not a JSON object");
            return;
        }
        var missing = new[] { "ts", "api", "consumer", "status", "latency_ms" }.Where(f => element.Get(f) is null).ToList();
        if (missing.Count > 0)
        {
            batch.Reject(line, RejectKinds.Malformed, $"missing {string.Join(", ", missing.Select(f => $"\"{f}\""))}");
            return;
        }
        var ts = element.Get("ts").Timestamp();
        var api = element.Get("api").Text()?.Trim() ?? "";
        var consumer = element.Get("consumer").Text()?.Trim() ?? "";
        var status = element.Get("status").Number();
        var latency = element.Get("latency_ms").Number();
        var reason =
            ts is null ? $"\"ts\" {JsonFields.Short(element.Get("ts")!.Value.GetRawText())} is neither RFC 3339 (2026-11-30T10:15:02Z) nor epoch milliseconds"
            : api.Length is 0 or > 100 ? "\"api\" must be a non-empty string of at most 100 characters"
            : consumer.Length is 0 or > 200 ? "\"consumer\" must be a non-empty string of at most 200 characters"
            : status is not { } s || s != Math.Floor(s) || s is < 100 or > 599 ? $"\"status\" {JsonFields.Short(element.Get("status")!.Value.GetRawText())} is not an HTTP status (100–599)"
            : latency is not ({ } l and >= 0 and < 86_400_000) ? $"\"latency_ms\" {JsonFields.Short(element.Get("latency_ms")!.Value.GetRawText())} is not a number of milliseconds ≥ 0"
            : null;
        if (reason is not null)
        {
            batch.Reject(line, RejectKinds.Malformed, reason);
            return;
        }
        batch.Records.Add((line, new UsageRecord(ts!.Value, api, consumer, (int)status!.Value, latency!.Value,
            RouteTemplate.Given(element.Get("route").Text()), element.Get("method").Text()?.Trim() ?? "",
            element.Get("bytes_in").Long(), element.Get("bytes_out").Long())));
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line) if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        return true;
    }

    internal static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.');
    }

    /// <summary>The record as the README documents it, for senders written in C# (tests, the benchmark).</summary>
    public static string Line(UsageRecord r) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["ts"] = r.Timestamp.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
        ["api"] = r.Api, ["consumer"] = r.Consumer, ["status"] = r.Status, ["latency_ms"] = r.LatencyMs,
        ["route"] = r.Route, ["method"] = r.Method, ["bytes_in"] = r.BytesIn, ["bytes_out"] = r.BytesOut,
    });

    public static byte[] Ndjson(IEnumerable<UsageRecord> records) =>
        Encoding.UTF8.GetBytes(string.Join('\n', records.Select(Line)) + "\n");
}
