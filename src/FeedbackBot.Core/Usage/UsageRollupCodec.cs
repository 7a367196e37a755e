using System.IO.Compression;
using System.Text;

namespace FeedbackBot.Core.Usage;

/// <summary>
/// A rollup as bytes for a table row: a string table, then counters and histogram buckets as variable-length integers,
/// deflated. A day of a busy API stays far under Table Storage's 1 MiB an entity; the store splits the bytes over
/// binary properties of at most 64 KiB.
/// </summary>
public static class UsageRollupCodec
{
    private const byte Version = 1;

    public static byte[] Encode(UsageRollup rollup)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(deflate, Encoding.UTF8))
        {
            writer.Write(Version);
            var strings = new Dictionary<string, int>(StringComparer.Ordinal);
            var ordered = new List<string>();
            int Id(string s)
            {
                if (!strings.TryGetValue(s, out var id)) { strings[s] = id = ordered.Count; ordered.Add(s); }
                return id;
            }
            foreach (var (consumer, route) in rollup.Cells.Keys) { Id(consumer); Id(route); }
            foreach (var key in rollup.RouteLatency.Keys.Concat(rollup.ConsumerLatency.Keys).Concat(rollup.Firsts.Keys)) Id(key);

            writer.Write7BitEncodedInt(ordered.Count);
            foreach (var s in ordered) writer.Write(s);

            writer.Write7BitEncodedInt(rollup.Cells.Count);
            foreach (var ((consumer, route), counts) in rollup.Cells)
            {
                writer.Write7BitEncodedInt(Id(consumer));
                writer.Write7BitEncodedInt(Id(route));
                foreach (var value in counts.ToArray()) writer.Write7BitEncodedInt64(value);
            }
            WriteHistograms(writer, rollup.RouteLatency, Id);
            WriteHistograms(writer, rollup.ConsumerLatency, Id);
            WriteHistogram(writer, rollup.Latency);

            writer.Write7BitEncodedInt(rollup.Firsts.Count);
            foreach (var (consumer, firsts) in rollup.Firsts)
            {
                writer.Write7BitEncodedInt(Id(consumer));
                writer.Write7BitEncodedInt64(firsts.FirstAt);
                writer.Write7BitEncodedInt64(firsts.FirstOkAt is { } ok ? ok - firsts.FirstAt + 1 : 0);
            }
        }
        return buffer.ToArray();
    }

    public static UsageRollup Decode(ReadOnlySpan<byte> bytes)
    {
        using var deflate = new DeflateStream(new MemoryStream(bytes.ToArray()), CompressionMode.Decompress);
        using var reader = new BinaryReader(deflate, Encoding.UTF8);
        var version = reader.ReadByte();
        if (version != Version) throw new InvalidDataException($"Usage rollup version {version} is not one this build reads.");
        var strings = new string[reader.Read7BitEncodedInt()];
        for (var i = 0; i < strings.Length; i++) strings[i] = reader.ReadString();

        var rollup = new UsageRollup();
        var cells = reader.Read7BitEncodedInt();
        Span<long> values = stackalloc long[UsageCounts.FieldCount];
        for (var i = 0; i < cells; i++)
        {
            var consumer = strings[reader.Read7BitEncodedInt()];
            var route = strings[reader.Read7BitEncodedInt()];
            for (var f = 0; f < values.Length; f++) values[f] = reader.Read7BitEncodedInt64();
            rollup.Cell(consumer, route).Merge(UsageCounts.FromArray(values));
        }
        ReadHistograms(reader, rollup.RouteLatency, strings);
        ReadHistograms(reader, rollup.ConsumerLatency, strings);
        ReadHistogram(reader, rollup.Latency);

        var firsts = reader.Read7BitEncodedInt();
        for (var i = 0; i < firsts; i++)
        {
            var consumer = strings[reader.Read7BitEncodedInt()];
            var at = reader.Read7BitEncodedInt64();
            var ok = reader.Read7BitEncodedInt64();
            rollup.Firsts[consumer] = new ConsumerFirsts(at, ok == 0 ? null : at + ok - 1);
        }
        return rollup;
    }

    private static void WriteHistograms(BinaryWriter writer, Dictionary<string, LatencyHistogram> histograms, Func<string, int> id)
    {
        writer.Write7BitEncodedInt(histograms.Count);
        foreach (var (key, histogram) in histograms)
        {
            writer.Write7BitEncodedInt(id(key));
            WriteHistogram(writer, histogram);
        }
    }

    private static void WriteHistogram(BinaryWriter writer, LatencyHistogram histogram)
    {
        writer.Write7BitEncodedInt64(histogram.Zero);
        var buckets = histogram.Buckets.ToList();
        writer.Write7BitEncodedInt(buckets.Count);
        var previous = 0;
        foreach (var (index, count) in buckets)
        {
            // Indexes ascend: deltas stay small (and the first one may be negative for sub-millisecond latencies).
            writer.Write7BitEncodedInt64(ZigZag(index - previous));
            writer.Write7BitEncodedInt64(count);
            previous = index;
        }
    }

    private static void ReadHistograms(BinaryReader reader, Dictionary<string, LatencyHistogram> histograms, string[] strings)
    {
        var count = reader.Read7BitEncodedInt();
        for (var i = 0; i < count; i++) ReadHistogram(reader, UsageRollup.Histogram(histograms, strings[reader.Read7BitEncodedInt()]));
    }

    private static void ReadHistogram(BinaryReader reader, LatencyHistogram histogram)
    {
        histogram.AddToBucket(null, reader.Read7BitEncodedInt64());
        var buckets = reader.Read7BitEncodedInt();
        var index = 0;
        for (var i = 0; i < buckets; i++)
        {
            index += (int)UnZigZag(reader.Read7BitEncodedInt64());
            histogram.AddToBucket(index, reader.Read7BitEncodedInt64());
        }
    }

    private static long ZigZag(long value) => (value << 1) ^ (value >> 63);

    private static long UnZigZag(long value) => (long)((ulong)value >> 1) ^ -(value & 1);
}
