using FastSgns.Corpus;
using FastSgns.Threading;

namespace FastSgns.Vocabulary;

/// <summary>
/// Counts every token of the input into a <see cref="Utf8WordTable"/>. The parallel count cuts each plain file
/// into chunks at whitespace, counts chunks on worker threads into one table per thread and merges the tables; the
/// sum does not depend on the cut, so without pruning it equals the sequential count exactly.
/// </summary>
internal static class VocabularyCounter
{
    /// <summary>
    /// Target chunk size: small enough to balance threads (the last chunk runs while the other threads have finished:
    /// at 32 MB that was an eighth of wiki40m per thread), large enough that a chunk amortizes its start (opening the
    /// file, a few reads' setup: microseconds against milliseconds of counting).
    /// </summary>
    internal const long ChunkBytes = 4 << 20;

    /// <summary>Counts every file in order on the calling thread.</summary>
    public static Utf8WordTable Count(CorpusFiles files, out long totalTokens)
    {
        var sink = new CountingSink(new Utf8WordTable(1 << 16), null);
        totalTokens = files.Tokenize(ref sink);
        return sink.Table;
    }

    public static Utf8WordTable Count(ReadOnlySpan<byte> text, out long totalTokens)
    {
        var sink = new CountingSink(new Utf8WordTable(1 << 12), null);
        totalTokens = Tokenizer.Tokenize(text, ref sink);
        return sink.Table;
    }

    /// <summary>
    /// Counts all files on <paramref name="threads"/> threads. With <paramref name="pruning"/>, each thread's table is
    /// held under MaxBytes / threads and the merged one under MaxBytes (so counting peaks below about twice it).
    /// </summary>
    public static Utf8WordTable CountParallel(CorpusFiles files, int threads, VocabularyPruning? pruning, out long totalTokens,
        CancellationToken cancellation = default, long chunkBytes = ChunkBytes)
    {
        // .gz files cannot be split and are the longest items, so they go first.
        var chunks = new List<(int File, long Start, long End)>();
        for (int f = 0; f < files.Count; f++)
        {
            if (!files.IsSplittable(f))
            {
                chunks.Insert(0, (f, -1, -1));
                continue;
            }

            int parts = (int)Math.Clamp((files.TextLength(f) + chunkBytes - 1) / chunkBytes, 1, 1 << 20);
            long[] bounds = files.SplitAtWhitespace(f, parts);
            for (int p = 0; p < parts; p++)
            {
                if (bounds[p + 1] > bounds[p])
                {
                    chunks.Add((f, bounds[p], bounds[p + 1]));
                }
            }
        }

        threads = Math.Max(1, Math.Min(threads, chunks.Count));
        var tables = new Utf8WordTable[threads];
        var prunings = new VocabularyPruning?[threads];
        var tokens = new long[threads];
        var textBytes = new long[threads];
        ChunkWorkers.Run(threads, chunks.Count, "count", (id, queue) =>
        {
            prunings[id] = pruning is null ? null : new VocabularyPruning(pruning.MaxBytes / threads);
            // Under a small bound the table must start small too, or its first word would trigger a pruning.
            int capacity = pruning is null ? 1 << 16 : (int)Math.Clamp(pruning.MaxBytes / threads / 128, 16, 1 << 16);
            var sink = new CountingSink(new Utf8WordTable(capacity), prunings[id]);
            while (queue.TryTake(out int index))
            {
                (int f, long start, long end) = chunks[index];
                if (start < 0)
                {
                    tokens[id] += files.Tokenize(f, ref sink, out long bytes);
                    textBytes[id] += bytes;
                }
                else
                {
                    tokens[id] += files.Tokenize(f, start, end, ref sink);
                    textBytes[id] += end - start;
                }
            }

            tables[id] = sink.Table;
        }, cancellation);
        totalTokens = tokens.Sum();
        files.TextBytes = textBytes.Sum();
        return Merge(tables, prunings, pruning);
    }

    /// <summary>Adds every table into the largest one, dropping each after its merge so memory falls as it goes.</summary>
    private static Utf8WordTable Merge(Utf8WordTable[] tables, VocabularyPruning?[] prunings, VocabularyPruning? pruning)
    {
        int largest = 0;
        for (int t = 1; t < tables.Length; t++)
        {
            largest = tables[t].Count > tables[largest].Count ? t : largest;
        }

        Utf8WordTable merged = tables[largest];
        for (int t = 0; t < tables.Length; t++)
        {
            if (prunings[t] is { } own)
            {
                pruning!.Absorb(own);
            }

            if (t == largest)
            {
                continue;
            }

            Utf8WordTable table = tables[t];
            tables[t] = null!;
            if (pruning is null)
            {
                merged.AddAll(table);
                continue;
            }

            for (int i = 0; i < table.Count; i++)
            {
                int before = merged.Count;
                merged.Add(table.GetWord(i), table.GetCount(i));
                if (merged.Count != before)
                {
                    pruning.Enforce(merged);
                }
            }
        }

        pruning?.Enforce(merged);
        return merged;
    }

    private struct CountingSink(Utf8WordTable table, VocabularyPruning? pruning) : ITokenSink
    {
        public readonly Utf8WordTable Table = table;

        public static bool TakesBatches => true;

        public readonly void OnToken(ReadOnlySpan<byte> token)
        {
            int before = Table.Count;
            Table.Add(token);
            if (pruning is not null && Table.Count != before)
            {
                pruning.Enforce(Table);
            }
        }

        public readonly void OnSentenceEnd()
        {
        }

        /// <summary>Without a memory bound, a batch's lookups overlap; with one, tokens go one by one, so a pruning happens exactly where it would.</summary>
        public readonly void OnBatch(ReadOnlySpan<byte> text, ReadOnlySpan<TokenSpan> batch)
        {
            if (pruning is null)
            {
                Table.AddBatch(text, batch);
                return;
            }

            foreach (TokenSpan token in batch)
            {
                if (!token.IsSentenceEnd)
                {
                    OnToken(text.Slice(token.Start, token.Length));
                }
            }
        }
    }
}
