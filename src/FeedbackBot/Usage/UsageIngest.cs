using System.Security.Cryptography;
using System.Text;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Usage;
using FeedbackBot.Hosting;
using FeedbackBot.Storage;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Usage;

/// <summary>The three formats the ingest endpoints take.</summary>
public enum UsageFormat { Records, Kong, Otlp }

/// <summary>
/// A gateway batch from body to storage: parse, check (clock, key's APIs, mappings), group by (API, UTC hour), then one
/// transaction per group. Answers only after every group is stored (or found stored by an earlier send of the batch).
/// </summary>
public sealed class UsageIngest(
    UsageHourStore hours, IUsageSources sources, ApiCatalog catalog, IOptions<UsageOptions> options, TimeProvider time, ILogger<UsageIngest> log)
{
    public sealed record Result(UsageBatchOutcome Outcome, string? Malformed, string? TooLarge);

    public async Task<Result> IngestAsync(UsageKey key, UsageFormat format, ReadOnlyMemory<byte> body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var parsed = format switch
        {
            UsageFormat.Kong => KongFormat.Parse(body),
            UsageFormat.Otlp => OtlpFormat.Parse(body, key.ConsumerAttribute),
            _ => OwnRecordFormat.Parse(body),
        };
        var empty = new UsageBatchOutcome(0, 0, 0, 0, [], new Dictionary<string, int>());
        if (parsed.Malformed is not null) return new Result(empty with { Reasons = parsed.Rejected }, parsed.Malformed, null);
        if (parsed.Records.Count + parsed.Rejected.Count > settings.MaxRecordsPerBatch)
            return new Result(empty, null, $"The batch has {parsed.Records.Count + parsed.Rejected.Count:N0} records; send at most {settings.MaxRecordsPerBatch:N0} a batch (Usage:MaxRecordsPerBatch).");

        var apiIds = (await catalog.ListAsync(key.TenantKey, cancellationToken)).Select(e => e.Api.Id.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var mappings = await sources.MappingsAsync(key.TenantKey, cancellationToken);
        var batch = UsageBatch.Build(parsed, key, apiIds, mappings, time.GetUtcNow(), settings.Horizon, TimeSpan.FromMinutes(settings.FutureSkewMinutes),
            ConsumerIds(key, settings.ConsumerHashKey));

        var batchId = BatchId(key, format, body.Span, idempotencyKey);
        var written = await Task.WhenAll(batch.Deltas.Select(delta => hours.WriteAsync(key.TenantKey, batchId, delta, cancellationToken)));
        long accepted = 0, duplicate = 0, unmapped = 0;
        for (var i = 0; i < written.Length; i++)
        {
            if (written[i]) accepted += batch.Deltas[i].Records;
            else duplicate += batch.Deltas[i].Records;
            if (UsageBatch.IsUnmapped(batch.Deltas[i].ApiId)) unmapped += batch.Deltas[i].Records;
        }
        var outcome = new UsageBatchOutcome(accepted, duplicate, batch.Rejected.Count, unmapped, batch.Rejected, batch.UnmappedRecords);
        try
        {
            await sources.RecordBatchAsync(key.TenantKey, key.Name, outcome, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The records are stored: only `usage status` misses this batch's counts. The gateway must not resend for that.
            log.LogWarning(e, "Usage batch of key {Key} in {Tenant} stored, but its counts for usage status were not", key.Name, key.TenantKey);
        }
        return new Result(outcome, null, null);
    }

    /// <summary>
    /// The batch's identity: the sender's Idempotency-Key, else the body itself, within the key that sent it (two
    /// gateways sending the same bytes are two batches; one gateway sending them twice is one).
    /// </summary>
    public static string BatchId(UsageKey key, UsageFormat format, ReadOnlySpan<byte> body, string? idempotencyKey)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{key.TenantKey}|{key.Name}|{format}|"));
        if (!string.IsNullOrEmpty(idempotencyKey)) hash.AppendData(Encoding.UTF8.GetBytes("idempotency-key|" + idempotencyKey));
        else hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..40];
    }

    /// <summary>
    /// Consumer ids as stored: as sent, or for keys made with <c>--hash-consumers</c> a keyed hash that shows only the
    /// last 4 characters (<c>…a9f2#3c1e77d0b2</c>): the same consumer is still one consumer, its secret is not kept.
    /// </summary>
    public static Func<string, string> ConsumerIds(UsageKey key, string hashKey)
    {
        if (!key.HashConsumers || hashKey.Length == 0) return consumer => consumer;
        var secret = Encoding.UTF8.GetBytes(hashKey);
        return consumer =>
        {
            var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{key.TenantKey}|{consumer}"));
            var last4 = consumer.Length <= 4 ? consumer : consumer[^4..];
            return $"…{last4}#{Convert.ToHexStringLower(mac)[..10]}";
        };
    }
}
