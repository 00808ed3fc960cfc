using System.Runtime.CompilerServices;
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
    /// <paramref name="idOfEntry"/> gives each entry of <see cref="Counts"/> its id (-1: left out); returns the number
    /// of ids written (markers excluded). Blocks of entries are read and renumbered on <paramref name="threads"/>
    /// threads and written back in order by the calling thread, each at or before where it was read: a block's output
    /// is never longer than the block, so it never reaches entries still to be read.
    /// </summary>
    public long Renumber(SafeFileHandle file, int[] idOfEntry, int threads, CancellationToken cancellation = default, int blockEntries = 1 << 18)
    {
        var ids = new int[_indexInMerged.Length][];
        for (int t = 0; t < ids.Length; t++)
        {
            ids[t] = _indexInMerged[t] is { } mapped ? Compose(mapped, idOfEntry) : idOfEntry;
        }

        // Each block lies within one chunk, so one table renumbers it.
        var blocks = new List<(long Start, int Size, int Table)>();
        long offset = 0;
        foreach ((int table, long entries) in _chunks)
        {
            for (long done = 0; done < entries; done += blockEntries)
            {
                blocks.Add((offset + done, (int)Math.Min(blockEntries, entries - done), table));
            }

            offset += entries;
        }

        long written = 0, words = 0;
        bool open = false;
        OrderedPipeline<RenumberedBlock>.Run(blocks.Count, threads, () => new RenumberedBlock(blockEntries),
            (index, block, _) =>
            {
                (long start, int size, int table) = blocks[(int)index];
                RandomAccess.Read(file, MemoryMarshal.AsBytes(block.Entries.AsSpan(0, size)), start * sizeof(int));
                block.Renumber(size, ids[table]);
            },
            (_, block) =>
            {
                if (block.LeadingSentenceEnd && open)
                {
                    // In place of the block's first sentence end, which it dropped: the output still fits the block.
                    ReadOnlySpan<int> marker = [EncodedCorpus.SentenceEnd];
                    RandomAccess.Write(file, MemoryMarshal.AsBytes(marker), written++ * sizeof(int));
                    open = false;
                }

                RandomAccess.Write(file, MemoryMarshal.AsBytes(block.Entries.AsSpan(0, block.Kept)), written * sizeof(int));
                written += block.Kept;
                words += block.Words;
                open = block.Words > 0 ? block.EndsOpen : open;
            },
            cancellation);
        RandomAccess.SetLength(file, written * sizeof(int));
        return words;
    }

    /// <summary>
    /// A block of entries renumbered and packed in place as if no sentence were open before it: an index becomes its
    /// word's id or goes, a sentence end becomes a marker when a sentence is open. A sentence end before the block's
    /// first word is only noted (<see cref="LeadingSentenceEnd"/>): it closes a sentence only the blocks before know of.
    /// </summary>
    private sealed class RenumberedBlock(int capacity)
    {
        public readonly int[] Entries = GC.AllocateUninitializedArray<int>(capacity);
        public int Kept;
        public long Words;
        public bool LeadingSentenceEnd;
        public bool EndsOpen;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Renumber(int size, int[] id)
        {
            Span<int> entries = Entries.AsSpan(0, size);
            int kept = 0;
            long words = 0;
            bool open = false, leading = false;
            for (int j = 0; j < entries.Length; j++)
            {
                int entry = entries[j];
                if (entry < 0)
                {
                    leading |= !open && words == 0;
                    if (open)
                    {
                        entries[kept++] = EncodedCorpus.SentenceEnd;
                        open = false;
                    }
                }
                else if (id[entry] is var word and >= 0)
                {
                    entries[kept++] = word;
                    words++;
                    open = true;
                }
            }

            (Kept, Words, LeadingSentenceEnd, EndsOpen) = (kept, words, leading, open);
        }
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
