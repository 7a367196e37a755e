using System.Text.Json;

namespace FeedbackBot.Core.Usage;

/// <summary>
/// OTLP/HTTP traces in JSON encoding (<c>ExportTraceServiceRequest</c>). Every SERVER span (kind 2) becomes a record;
/// other spans are internal detail and skipped without a complaint. API: the resource's <c>service.name</c>.
/// HTTP attributes are read under the stable names and the older ones (<c>http.response.status_code</c> or
/// <c>http.status_code</c>, <c>http.request.method</c> or <c>http.method</c>, <c>http.route</c>, else
/// <c>url.path</c>/<c>http.target</c> templated, body sizes). The consumer comes from the attribute the key names.
/// </summary>
public static class OtlpFormat
{
    public const string DefaultConsumerAttribute = "enduser.id";
    private const int ServerKind = 2;

    public static ParsedBatch Parse(ReadOnlyMemory<byte> body, string consumerAttribute)
    {
        var batch = new ParsedBatch();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.Get("resourceSpans") is not { ValueKind: JsonValueKind.Array } resources)
            {
                batch.Malformed = "An OTLP/HTTP JSON trace export has a \"resourceSpans\" array.";
                return batch;
            }
            var index = 0;
            foreach (var resource in resources.EnumerateArray())
            {
                var service = Attributes(resource.Path("resource", "attributes")).GetValueOrDefault("service.name") ?? "";
                var scopes = resource.Get("scopeSpans") ?? resource.Get("instrumentationLibrarySpans");
                if (scopes is not { ValueKind: JsonValueKind.Array } scopeList) continue;
                foreach (var scope in scopeList.EnumerateArray())
                {
                    if (scope.Get("spans") is not { ValueKind: JsonValueKind.Array } spans) continue;
                    foreach (var span in spans.EnumerateArray()) Read(span, ++index, service, consumerAttribute, batch);
                }
            }
        }
        catch (JsonException e)
        {
            batch.Malformed = $"Not JSON: {OwnRecordFormat.FirstSentence(e.Message)}";
        }
        return batch;
    }

    private static void Read(JsonElement span, int line, string service, string consumerAttribute, ParsedBatch batch)
    {
        if (!IsServer(span.Get("kind"))) return;
        var attributes = Attributes(span.Get("attributes"));
        string? Attr(params string[] names) => names.Select(n => attributes.GetValueOrDefault(n)).FirstOrDefault(v => v is not null);
        var start = Nanos(span.Get("startTimeUnixNano"));
        var end = Nanos(span.Get("endTimeUnixNano"));
        var statusText = Attr("http.response.status_code", "http.status_code");
        var reason =
            service.Length == 0 ? "the resource has no \"service.name\": which API was called?"
            : start is null || end is null || end < start ? "\"startTimeUnixNano\"/\"endTimeUnixNano\" are missing or end before they start"
            : !int.TryParse(statusText, out var status) || status is < 100 or > 599 ? "no HTTP status (\"http.response.status_code\" or \"http.status_code\")"
            : null;
        if (reason is not null)
        {
            batch.Reject(line, RejectKinds.Malformed, $"span {span.Get("spanId").Text() ?? "?"}: {reason}");
            return;
        }
        var consumer = Attr(consumerAttribute) ?? "anonymous";
        var route = Attr("http.route") is { } templated ? RouteTemplate.Given(templated) : RouteTemplate.Of(Attr("url.path", "http.target"));
        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)(start!.Value / 1_000_000));
        batch.Records.Add((line, new UsageRecord(at, service.Trim(), consumer.Trim(), int.Parse(statusText!), (double)(end!.Value - start.Value) / 1_000_000.0,
            route, Attr("http.request.method", "http.method") ?? "",
            Size(Attr("http.request.body.size", "http.request_content_length")), Size(Attr("http.response.body.size", "http.response_content_length")))));
    }

    /// <summary>OTLP JSON writes enums as integers; some exporters write the name.</summary>
    private static bool IsServer(JsonElement? kind) => kind switch
    {
        { ValueKind: JsonValueKind.Number } k => k.GetInt32() == ServerKind,
        { ValueKind: JsonValueKind.String } k => k.GetString() == "SPAN_KIND_SERVER",
        _ => false,
    };

    /// <summary>OTLP JSON writes 64-bit integers as strings.</summary>
    private static decimal? Nanos(JsonElement? value) => value.Text() is { } text && decimal.TryParse(text, out var nanos) && nanos > 0 ? nanos : null;

    private static long Size(string? text) => long.TryParse(text, out var size) && size >= 0 ? size : 0;

    private static Dictionary<string, string> Attributes(JsonElement? list)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (list is not { ValueKind: JsonValueKind.Array } attributes) return values;
        foreach (var attribute in attributes.EnumerateArray())
        {
            if (attribute.Get("key").Text() is not { } key || attribute.Get("value") is not { } value) continue;
            var text = value.Get("stringValue").Text() ?? value.Get("intValue").Text() ?? value.Get("doubleValue").Text()
                ?? value.Get("boolValue")?.GetRawText();
            if (text is not null) values[key] = text;
        }
        return values;
    }
}
