using System.IO.Compression;
using System.Threading.RateLimiting;
using FeedbackBot.Core.Usage;
using FeedbackBot.Hosting;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Usage;

/// <summary>
/// <c>POST /api/usage/v1/records</c> (FeedbackBot's NDJSON or a JSON array), <c>/api/usage/v1/kong</c> (Kong http-log)
/// and <c>/api/usage/v1/otlp/v1/traces</c> (OTLP/HTTP JSON). The key goes in <c>Authorization: Bearer</c> or
/// <c>X-Api-Key</c>; bodies may be gzipped. Answers a gateway can act on: 200 with counts and the first reasons,
/// 400 malformed, 401 bad or revoked key, 413 too large, 429 with Retry-After above the key's rate.
/// </summary>
public static class UsageEndpoints
{
    public const string Prefix = "/api/usage/v1";

    public static WebApplication MapUsageIngest(this WebApplication app)
    {
        app.MapPost($"{Prefix}/records", (HttpContext context, UsageGate gate) => gate.HandleAsync(context, UsageFormat.Records));
        app.MapPost($"{Prefix}/kong", (HttpContext context, UsageGate gate) => gate.HandleAsync(context, UsageFormat.Kong));
        app.MapPost($"{Prefix}/otlp/v1/traces", (HttpContext context, UsageGate gate) => gate.HandleAsync(context, UsageFormat.Otlp));
        return app;
    }
}

/// <summary>Key, rate and size checks in front of <see cref="UsageIngest"/>; every refusal says why.</summary>
public sealed class UsageGate(IUsageKeyStore keys, UsageIngest ingest, IOptions<UsageOptions> options) : IDisposable
{
    private const int MaxIdempotencyKey = 200;

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.BurstPerKey,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1.0 / options.Value.RequestsPerMinutePerKey),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public async Task<IResult> HandleAsync(HttpContext context, UsageFormat format)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var secret = SecretOf(request);
        if (secret is null)
            return Refuse(401, "No ingest key: send it as `Authorization: Bearer <key>` or `X-Api-Key: <key>`. A product manager makes one with `usage key new <name>`.");
        var key = await keys.FindBySecretHashAsync(UsageKey.HashOf(secret), cancellationToken);
        if (key is null || key.RevokedAt is not null)
            return Refuse(401, "This ingest key is unknown or was revoked. Ask a product manager for a key (`usage key new <name>`).");

        using var lease = limiter.AttemptAcquire(key.TenantKey + "|" + key.Name);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Refuse(429, $"Key \"{key.Name}\" sent more than {options.Value.RequestsPerMinutePerKey} batches a minute; retry after {seconds} s, or send bigger batches.");
        }

        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKey) return Refuse(400, $"Idempotency-Key is longer than {MaxIdempotencyKey} characters.");

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body.Error is { } error) return Refuse(error.Status, error.Reason);

        var result = await ingest.IngestAsync(key, format, body.Bytes, idempotencyKey.Length == 0 ? null : idempotencyKey, cancellationToken);
        if (result.TooLarge is not null) return Refuse(413, result.TooLarge);
        if (result.Malformed is not null) return Results.Json(new { error = result.Malformed, reasons = Reasons(result.Outcome) }, statusCode: 400);
        var outcome = result.Outcome;
        return Results.Json(new
        {
            accepted = outcome.Accepted,
            duplicate = outcome.Duplicate,
            rejected = outcome.Rejected,
            unmapped = outcome.Unmapped,
            reasons = Reasons(outcome),
        });
    }

    private static object[] Reasons(UsageBatchOutcome outcome) =>
        outcome.Reasons.Take(UsageBatch.MaxReasons).Select(r => (object)new { line = r.Line, reason = r.Reason }).ToArray();

    private static IResult Refuse(int status, string reason) => Results.Json(new { error = reason }, statusCode: status);

    private static string? SecretOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        var header = request.Headers["X-Api-Key"].ToString().Trim();
        return header.Length > 0 ? header : null;
    }

    private sealed record Body(ReadOnlyMemory<byte> Bytes, (int Status, string Reason)? Error);

    private async Task<Body> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (request.ContentLength > settings.MaxBodyBytes)
            return new Body(default, (413, $"The body is {request.ContentLength:N0} bytes; send at most {settings.MaxBodyBytes:N0} a batch (gzip helps)."));
        var raw = await ReadCappedAsync(request.Body, settings.MaxBodyBytes, cancellationToken);
        if (raw is null) return new Body(default, (413, $"The body is over {settings.MaxBodyBytes:N0} bytes; send smaller batches (gzip helps)."));

        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)) return new Body(raw, null);
        if (!encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            return new Body(default, (400, $"Content-Encoding \"{encoding}\" is not supported; send gzip or no encoding."));
        try
        {
            await using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            var inflated = await ReadCappedAsync(gzip, settings.MaxDecompressedBytes, cancellationToken);
            return inflated is null
                ? new Body(default, (413, $"The body unzips to over {settings.MaxDecompressedBytes:N0} bytes; send smaller batches."))
                : new Body(inflated, null);
        }
        catch (InvalidDataException)
        {
            return new Body(default, (400, "The body says Content-Encoding: gzip but is not gzip data."));
        }
    }

    /// <summary>Reads at most <paramref name="max"/> bytes; null when there is more (so a huge body is never buffered whole).</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public void Dispose() => limiter.Dispose();
}
