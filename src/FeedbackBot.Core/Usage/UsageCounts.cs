namespace FeedbackBot.Core.Usage;

/// <summary>Calls by outcome and bytes: the counters every rollup cell keeps. Adding two is exact, in any order.</summary>
public sealed class UsageCounts
{
    public long Calls { get; set; }
    public long Ok { get; set; }
    public long Redirects { get; set; }
    public long ClientErrors { get; set; }
    public long ServerErrors { get; set; }
    public long Unauthorized { get; set; }
    public long Forbidden { get; set; }
    public long NotFound { get; set; }
    public long TooManyRequests { get; set; }
    public long BytesIn { get; set; }
    public long BytesOut { get; set; }

    /// <summary>The fields in their stored order (the codec writes and reads them in this order).</summary>
    public long[] ToArray() => [Calls, Ok, Redirects, ClientErrors, ServerErrors, Unauthorized, Forbidden, NotFound, TooManyRequests, BytesIn, BytesOut];

    public static UsageCounts FromArray(ReadOnlySpan<long> v) => new()
    {
        Calls = v[0], Ok = v[1], Redirects = v[2], ClientErrors = v[3], ServerErrors = v[4], Unauthorized = v[5],
        Forbidden = v[6], NotFound = v[7], TooManyRequests = v[8], BytesIn = v[9], BytesOut = v[10],
    };

    public const int FieldCount = 11;

    public void Add(int status, long bytesIn, long bytesOut)
    {
        Calls++;
        switch (status / 100)
        {
            case 2: Ok++; break;
            case 3: Redirects++; break;
            case 4: ClientErrors++; break;
            case 5: ServerErrors++; break;
        }
        switch (status)
        {
            case 401: Unauthorized++; break;
            case 403: Forbidden++; break;
            case 404: NotFound++; break;
            case 429: TooManyRequests++; break;
        }
        BytesIn += bytesIn;
        BytesOut += bytesOut;
    }

    public void Merge(UsageCounts other)
    {
        Calls += other.Calls;
        Ok += other.Ok;
        Redirects += other.Redirects;
        ClientErrors += other.ClientErrors;
        ServerErrors += other.ServerErrors;
        Unauthorized += other.Unauthorized;
        Forbidden += other.Forbidden;
        NotFound += other.NotFound;
        TooManyRequests += other.TooManyRequests;
        BytesIn += other.BytesIn;
        BytesOut += other.BytesOut;
    }

    public long Errors => ClientErrors + ServerErrors;

    public double ErrorRate => Calls == 0 ? 0 : (double)Errors / Calls;
}
