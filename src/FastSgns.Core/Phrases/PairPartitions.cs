using System.Runtime.CompilerServices;
using FastSgns.Corpus;
using FastSgns.Threading;
using FastSgns.Vocabulary;

namespace FastSgns.Phrases;

/// <summary>
/// Counts the bigrams once the words are counted and every chunk's tokens are indices of the merged word table
/// (<see cref="ChunkIdStreams.Globalize"/>): thread p walks all chunks in corpus order and counts only the bigrams of
/// partition p (<see cref="PartOf"/>, a hash of the pair), so the threads' tables hold disjoint bigrams and need no
/// merge, and the bigrams across chunk edges are counted where the walk meets them. Counting bigrams per thread and
/// merging the tables afterwards cost a serial pass of random inserts as large as a thread's table; this costs a
/// second sequential read of the indices per thread. A chunk whose indices were not kept (over the id budget) is
/// read again and its words looked up, by each thread. The counts equal one sequential pass's exactly.
/// </summary>
internal static class PairPartitions
{
    /// <summary>Pairs buffered before a batched add (<see cref="PairTable.AddEach(ReadOnlySpan{ulong})"/>).</summary>
    private const int Batch = 256;

    /// <summary>
    /// The partition of a pair among <paramref name="parts"/>. The mixer differs from <see cref="PairTable"/>'s slot
    /// hash, so the pairs of one partition still spread over all of its table's slots.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PartOf(ulong key, int parts)
    {
        ulong h = (key ^ (key >> 31)) * 0xBF58476D1CE4E5B9UL;
        return (int)(((h >> 32) * (ulong)(uint)parts) >> 32);
    }

    /// <summary>
    /// One table per partition (<paramref name="parts"/> of them, counted on as many threads). A line end breaks the
    /// chain when <paramref name="sentenceBounded"/> (and then so does a file's end); otherwise bigrams run across both,
    /// as word2phrase counts them.
    /// </summary>
    public static PairTable[] Count(CorpusFiles files, IReadOnlyList<CorpusChunks.Chunk> chunks, ChunkIdStreams streams, Utf8WordTable words,
        bool sentenceBounded, int parts, int capacity, CancellationToken cancellation)
    {
        var tables = new PairTable[parts];
        ChunkWorkers.Run(parts, parts, "phrase-pairs", (_, queue) =>
        {
            while (queue.TryTake(out int part))
            {
                tables[part] = CountPart(files, chunks, streams, words, sentenceBounded, part, parts, capacity, cancellation);
            }
        }, cancellation);
        return tables;
    }

    private static PairTable CountPart(CorpusFiles files, IReadOnlyList<CorpusChunks.Chunk> chunks, ChunkIdStreams streams, Utf8WordTable words,
        bool sentenceBounded, int part, int parts, int capacity, CancellationToken cancellation)
    {
        var table = new PairTable(capacity);
        Span<ulong> pending = stackalloc ulong[Batch];
        int count = 0;
        int previous = -1;
        List<int>? reread = null;
        for (int c = 0; c < chunks.Count; c++)
        {
            cancellation.ThrowIfCancellationRequested();
            ReadOnlySpan<int> ids;
            if (streams.IsKept(c))
            {
                ids = streams.Ids(c);
            }
            else
            {
                reread ??= new List<int>(1 << 16);
                reread.Clear();
                var sink = new LookupSink(words, reread);
                if (chunks[c].End > chunks[c].Start)
                {
                    files.Tokenize(chunks[c].File, chunks[c].Start, chunks[c].End, ref sink);
                }

                ids = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(reread);
            }

            foreach (int id in ids)
            {
                if (id == ChunkIdStreams.LineEnd)
                {
                    previous = sentenceBounded ? -1 : previous;
                    continue;
                }

                if (previous >= 0)
                {
                    // Written always, kept when in this partition: a branch on a hash would mispredict every other pair.
                    ulong key = PairTable.Key(previous, id);
                    pending[count] = key;
                    count += PartOf(key, parts) == part ? 1 : 0;
                    if (count == Batch)
                    {
                        table.AddEach(pending);
                        count = 0;
                    }
                }

                previous = id;
            }

            if (sentenceBounded && chunks[c].EndsFile)
            {
                previous = -1;
            }
        }

        table.AddEach(pending[..count]);
        return table;
    }

    /// <summary>A chunk read again: each token's index in the (complete) merged word table, and the line ends.</summary>
    private readonly struct LookupSink(Utf8WordTable words, List<int> ids) : ITokenSink
    {
        public void OnToken(ReadOnlySpan<byte> token) => ids.Add(words.IndexOf(token));

        public void OnSentenceEnd() => ids.Add(ChunkIdStreams.LineEnd);
    }
}
