using System.Buffers.Binary;
using FastSgns.Corpus;
using FastSgns.Vocabulary;
using FastSgns.Threading;

namespace FastSgns.Distributed;

/// <summary>
/// Counts the corpus across ranks: each rank counts the chunks of its <see cref="ShardPlan"/> (on its threads), the
/// ranks gather every rank's table (Allgatherv of (count, word) records), and each rank adds them up in rank order.
/// Counting is a sum that does not depend on where the chunks were cut (they are cut at whitespace), so the merged
/// table holds exactly the single-process counts, and <see cref="Vocab.Build"/> — min-count and max-vocab applied
/// after the merge, ties broken by the words' bytes — gives every rank the single-process vocabulary.
/// </summary>
internal static class DistributedVocabulary
{
    /// <summary>Counts this rank's shard; returns its table, and its token and text byte counts.</summary>
    public static Utf8WordTable CountShard(CorpusFiles files, ShardPlan shard, int threads, out long tokens, out long textBytes,
        CancellationToken cancellation = default)
    {
        IReadOnlyList<ShardPlan.Range> ranges = shard.Ranges;
        threads = Math.Max(1, Math.Min(threads, ranges.Count));
        var tables = new Utf8WordTable[threads];
        var counts = new long[threads * 2];
        ChunkWorkers.Run(threads, ranges.Count, "count", (id, queue) =>
        {
            var sink = new CountingSink(new Utf8WordTable(1 << 16));
            while (queue.TryTake(out int index))
            {
                ShardPlan.Range range = ranges[index];
                if (range.IsWholeFile)
                {
                    counts[id * 2] += files.Tokenize(range.File, ref sink, out long bytes);
                    counts[id * 2 + 1] += bytes;
                }
                else
                {
                    counts[id * 2] += files.Tokenize(range.File, range.Start, range.End, ref sink);
                    counts[id * 2 + 1] += range.End - range.Start;
                }
            }

            tables[id] = sink.Table;
        }, cancellation);
        tokens = 0;
        textBytes = 0;
        for (int t = 0; t < threads; t++)
        {
            tokens += counts[t * 2];
            textBytes += counts[t * 2 + 1];
        }

        Utf8WordTable merged = tables[0];
        for (int t = 1; t < threads; t++)
        {
            AddInto(merged, tables[t]);
        }

        return merged;
    }

    /// <summary>(count: int64, length: int32, bytes) per word, little-endian.</summary>
    public static byte[] Serialize(Utf8WordTable table)
    {
        long size = 0;
        for (int i = 0; i < table.Count; i++)
        {
            size += sizeof(long) + sizeof(int) + table.GetWord(i).Length;
        }

        if (size > int.MaxValue)
        {
            throw new InvalidDataException($"this rank's counting table takes {size:N0} bytes, more than one MPI message carries (2 GB); use more ranks.");
        }

        var bytes = new byte[size];
        int at = 0;
        for (int i = 0; i < table.Count; i++)
        {
            ReadOnlySpan<byte> word = table.GetWord(i);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), table.GetCount(i));
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + sizeof(long)), word.Length);
            word.CopyTo(bytes.AsSpan(at + sizeof(long) + sizeof(int)));
            at += sizeof(long) + sizeof(int) + word.Length;
        }

        return bytes;
    }

    /// <summary>Adds the serialized records of <paramref name="bytes"/> into <paramref name="table"/>.</summary>
    public static void AddSerialized(Utf8WordTable table, ReadOnlySpan<byte> bytes)
    {
        int at = 0;
        while (at < bytes.Length)
        {
            long count = BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]);
            int length = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + sizeof(long))..]);
            table.Add(bytes.Slice(at + sizeof(long) + sizeof(int), length), count);
            at += sizeof(long) + sizeof(int) + length;
        }
    }

    /// <summary>The whole corpus's counts on every rank: each rank's table gathered and added in rank order.</summary>
    public static Utf8WordTable Merge(MpiCommunicator world, Utf8WordTable mine)
    {
        byte[][] tables = world.GatherAll(Serialize(mine));
        var merged = new Utf8WordTable(Math.Max(1 << 16, mine.Count));
        foreach (byte[] table in tables)
        {
            AddSerialized(merged, table);
        }

        return merged;
    }

    private static void AddInto(Utf8WordTable into, Utf8WordTable from)
    {
        for (int i = 0; i < from.Count; i++)
        {
            into.Add(from.GetWord(i), from.GetCount(i));
        }
    }

    private readonly struct CountingSink(Utf8WordTable table) : ITokenSink
    {
        public readonly Utf8WordTable Table = table;

        public void OnToken(ReadOnlySpan<byte> token) => Table.Add(token);

        public void OnSentenceEnd()
        {
        }
    }
}
