using System.Runtime.InteropServices;
using FastSgns.Corpus;
using FastSgns.Threading;
using FastSgns.Vocabulary;
using Microsoft.Win32.SafeHandles;

namespace FastSgns.Ids;

/// <summary>
/// Counting and encoding in one pass over the text, for plain files counted without a memory bound. Encoding after
/// counting read and hashed every token a second time, as much CPU as counting itself (a whole-run profile of the
/// book corpus: 0.55 s of encoding against 0.52 s of counting at one thread). Here each counting thread writes, for
/// every token, the index its own table gave the word, and every sentence end; the calling thread writes those
/// chunks in order to the id file. Once the vocabulary is built, <see cref="Renumber"/> turns the file, in place,
/// into the one <see cref="ParallelCorpusEncoder"/> writes: an index becomes its word's id through one small table
/// per counting thread, words left out of the vocabulary go, and sentence ends are placed as one sequential pass
/// places them. Memory stays bounded as the encoder's does: two chunks per thread in flight, then one buffer.
/// </summary>
internal sealed class CountingEncoder
{
    private readonly List<(int Table, long Entries)> _chunks;
    private readonly int[]?[] _indexInMerged;

    private CountingEncoder(Utf8WordTable counts, long tokens, List<(int Table, long Entries)> chunks, int[]?[] indexInMerged)
    {
        Counts = counts;
        Tokens = tokens;
        _chunks = chunks;
        _indexInMerged = indexInMerged;
    }

    /// <summary>Every word's count, as <see cref="VocabularyCounter.CountParallel"/> gives it without a bound.</summary>
    public Utf8WordTable Counts { get; private set; }

    /// <summary><see cref="Counts"/>, handed over: this object no longer holds it (it is garbage once the vocabulary is built).</summary>
    public Utf8WordTable TakeCounts()
    {
        Utf8WordTable counts = Counts;
        Counts = null!;
        return counts;
    }

    public long Tokens { get; }

    /// <summary>Whether the corpus can be counted and encoded in one pass: plain files only (a .gz file cannot be cut).</summary>
    public static bool Handles(CorpusFiles files)
    {
        for (int f = 0; f < files.Count; f++)
        {
            if (!files.IsSplittable(f))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Counts every file on <paramref name="threads"/> threads and writes each token's index in its thread's table,
    /// and each sentence end, to <paramref name="output"/>, in reading order.
    /// </summary>
    public static CountingEncoder Count(CorpusFiles files, int threads, Stream output, CancellationToken cancellation = default,
        long chunkBytes = ParallelCorpusEncoder.ChunkBytes)
    {
        List<CorpusChunks.Chunk> plan = CorpusChunks.Plan(files, chunkBytes);
        var chunks = new List<(int Table, long Entries)>(plan.Count);
        // One table per counting thread, created at its first chunk; listed here, since a thread's ThreadLocal value
        // may be dropped once the thread has ended.
        var created = new List<CountingTable>();
        using var tables = new ThreadLocal<CountingTable>(() =>
        {
            lock (created)
            {
                created.Add(new CountingTable(created.Count));
                return created[^1];
            }
        });
        long tokens = 0;
        int entriesPerChunk = (int)Math.Clamp(chunkBytes / 4, 1 << 12, 1 << 24);
        OrderedPipeline<IndexedChunk>.Run(plan.Count, threads,
            () => new IndexedChunk(entriesPerChunk),
            (index, chunk, _) =>
            {
                CorpusChunks.Chunk piece = plan[(int)index];
                CountingTable table = tables.Value!;
                chunk.Table = table.Id;
                chunk.Count = 0;
                var sink = new IndexingSink(table.Table, chunk);
                chunk.Tokens = files.Tokenize(piece.File, piece.Start, piece.End, ref sink);
                if (piece.EndsFile)
                {
                    sink.OnSentenceEnd();
                }
            },
            (_, chunk) =>
            {
                output.Write(MemoryMarshal.AsBytes(chunk.Entries.AsSpan(0, chunk.Count)));
                chunks.Add((chunk.Table, chunk.Count));
                tokens += chunk.Tokens;
            },
            cancellation);
        files.TextBytes = plan.Sum(c => c.End - c.Start);
        CountingTable[] all = [.. created];
        if (all.Length == 0)
        {
            return new CountingEncoder(new Utf8WordTable(), 0, chunks, []);
        }

        // The largest table takes the others in, its indices unchanged; each other table's indices are mapped.
        int largest = 0;
        for (int t = 1; t < all.Length; t++)
        {
            largest = all[t].Table.Count > all[largest].Table.Count ? t : largest;
        }

        Utf8WordTable merged = all[largest].Table;
        var indexInMerged = new int[]?[all.Length];
        for (int t = 0; t < all.Length; t++)
        {
            if (t != largest)
            {
                indexInMerged[t] = new int[all[t].Table.Count];
                merged.AddAll(all[t].Table, indexInMerged[t]);
                all[t].Table = null!;
            }
        }

        return new CountingEncoder(merged, tokens, chunks, indexInMerged);
    }

    /// <summary>
    /// Rewrites the file <see cref="Count"/> wrote, in place, as the id file of the vocabulary in which
    /// <paramref name="idOfEntry"/> gives each entry of <see cref="Counts"/> its id (-1: left out);
    /// returns the number of ids written (markers excluded).
    /// </summary>
    public long Renumber(SafeFileHandle file, int[] idOfEntry, CancellationToken cancellation = default)
    {
        var ids = new int[_indexInMerged.Length][];
        for (int t = 0; t < ids.Length; t++)
        {
            ids[t] = _indexInMerged[t] is { } mapped ? Compose(mapped, idOfEntry) : idOfEntry;
        }

        var buffer = GC.AllocateUninitializedArray<int>(1 << 18);
        long read = 0, written = 0, words = 0;
        bool open = false;
        foreach ((int table, long entries) in _chunks)
        {
            int[] id = ids[table];
            for (long done = 0; done < entries;)
            {
                cancellation.ThrowIfCancellationRequested();
                int size = (int)Math.Min(buffer.Length, entries - done);
                Span<byte> bytes = MemoryMarshal.AsBytes(buffer.AsSpan(0, size));
                RandomAccess.Read(file, bytes, read * sizeof(int));
                int kept = RenumberRun(buffer.AsSpan(0, size), id, ref open, ref words);
                // kept <= size and written <= read: the write lands on entries already read.
                RandomAccess.Write(file, MemoryMarshal.AsBytes(buffer.AsSpan(0, kept)), written * sizeof(int));
                read += size;
                written += kept;
                done += size;
            }
        }

        RandomAccess.SetLength(file, written * sizeof(int));
        return words;
    }

    /// <summary>
    /// Renumbers a run of entries in place and packs it: an index becomes its word's id or goes, a sentence end becomes
    /// a marker when a sentence is open, as <see cref="CorpusEncoder"/> places them; returns the entries kept.
    /// </summary>
    private static int RenumberRun(Span<int> entries, int[] id, ref bool open, ref long words)
    {
        int kept = 0;
        bool isOpen = open;
        long count = words;
        for (int j = 0; j < entries.Length; j++)
        {
            int entry = entries[j];
            if (entry < 0)
            {
                if (isOpen)
                {
                    entries[kept++] = EncodedCorpus.SentenceEnd;
                    isOpen = false;
                }
            }
            else if (id[entry] is var word and >= 0)
            {
                entries[kept++] = word;
                count++;
                isOpen = true;
            }
        }

        open = isOpen;
        words = count;
        return kept;
    }

    private static int[] Compose(int[] indexInMerged, int[] idOfEntry)
    {
        var composed = new int[indexInMerged.Length];
        for (int i = 0; i < composed.Length; i++)
        {
            composed[i] = idOfEntry[indexInMerged[i]];
        }

        return composed;
    }

    /// <summary>One counting thread's table and its number, which its chunks carry.</summary>
    private sealed class CountingTable(int id)
    {
        public readonly int Id = id;
        public Utf8WordTable Table = new(1 << 16);
    }

    /// <summary>A chunk's entries: its tokens' indices in table <see cref="Table"/> and its sentence ends (-1).</summary>
    private sealed class IndexedChunk(int capacity)
    {
        public int[] Entries = GC.AllocateUninitializedArray<int>(capacity);
        public int Count;
        public int Table;
        public long Tokens;
    }

    private readonly struct IndexingSink(Utf8WordTable table, IndexedChunk chunk) : ITokenSink
    {
        public static bool TakesBatches => true;

        public void OnToken(ReadOnlySpan<byte> token) => Append(1)[0] = table.Add(token);

        public void OnSentenceEnd() => Append(1)[0] = -1;

        /// <summary>Counts the batch and takes its indices (-1 for its sentence ends) straight into the chunk.</summary>
        public void OnBatch(ReadOnlySpan<byte> text, ReadOnlySpan<TokenSpan> batch) => table.AddBatch(text, batch, Append(batch.Length));

        private Span<int> Append(int count)
        {
            if (chunk.Entries.Length - chunk.Count < count)
            {
                int[] grown = GC.AllocateUninitializedArray<int>(Math.Max(chunk.Entries.Length * 2, chunk.Count + count));
                chunk.Entries.AsSpan(0, chunk.Count).CopyTo(grown);
                chunk.Entries = grown;
            }

            Span<int> slots = chunk.Entries.AsSpan(chunk.Count, count);
            chunk.Count += count;
            return slots;
        }
    }
}
