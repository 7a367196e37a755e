namespace FeedbackBot.Core.Usage;

/// <summary>
/// One request a gateway saw, as every format becomes it. <paramref name="Api"/> is the id the gateway gave (a catalog
/// id, or a gateway id that <c>usage map</c> turns into one); <paramref name="Route"/> is templated (<c>/payments/{id}</c>).
/// No address, header or body is kept: nothing here identifies a person but the consumer id, which may be hashed.
/// </summary>
public sealed record UsageRecord(
    DateTimeOffset Timestamp, string Api, string Consumer, int Status, double LatencyMs,
    string Route = "", string Method = "", long BytesIn = 0, long BytesOut = 0)
{
    /// <summary>The route as rollups key it: <c>GET /payments/{id}</c>, or <c>(no route)</c>.</summary>
    public string RouteKey => Route.Length == 0 ? "(no route)" : Method.Length == 0 ? Route : $"{Method.ToUpperInvariant()} {Route}";
}

/// <summary>A line (or array element, or span) the parser could not turn into a record, and why.</summary>
public sealed record RejectedLine(int Line, string Reason, string Kind);

/// <summary>What a parser made of a body: records with their line numbers, and the lines it refused.</summary>
public sealed class ParsedBatch
{
    public List<(int Line, UsageRecord Record)> Records { get; } = [];

    public List<RejectedLine> Rejected { get; } = [];

    /// <summary>Set when the body as a whole is not the format (not JSON, the wrong shape): the answer is a 400.</summary>
    public string? Malformed { get; set; }

    public void Reject(int line, string kind, string reason) => Rejected.Add(new RejectedLine(line, reason, kind));
}

/// <summary>The reasons a record is refused, as <c>usage status</c> counts them.</summary>
public static class RejectKinds
{
    public const string Malformed = "malformed";
    public const string Future = "future";
    public const string TooOld = "too old";
    public const string NotCovered = "API not covered by the key";
}
