using FastSgns.Threading;
using FastSgns.Vocabulary;

namespace FastSgns.Phrases;

/// <summary>
/// Each chunk's tokens as counting saw them: the counting thread's word indices, <see cref="LineEnd"/> for a line
/// end. Rewriting replays a kept chunk (<see cref="Replay{TSink}"/>) instead of reading, tokenizing and hashing its
/// text a second time, taking the words' bytes from the merged unigram table. Chunks are kept while their total stays
/// under a byte budget (chunks past it are re-read, as without streams), and every stream is dropped when the counts
/// were pruned: a pruned word has no index, so its text could not be replayed.
/// </summary>
internal sealed class ChunkIdStreams
{
    public const int LineEnd = -1;

    /// <summary>Readable bytes after every replayed token (<see cref="IIdTokenSink.OnToken"/>).</summary>
    public const int Padding = 32;

    private readonly int[]?[] _ids;
    private readonly int[] _thread;
    private long _budget;

    // Bound after counting (Bind) and after scoring (Attach).
    private Utf8WordTable? _words;
    private int[]?[]? _toMerged;
    private byte[]? _arena;
    private ReplayWord[][]? _replayWords;

    /// <summary>Streams for <paramref name="chunks"/> chunks within <paramref name="budgetBytes"/> bytes of indices.</summary>
    public ChunkIdStreams(int chunks, long budgetBytes)
    {
        _ids = new int[chunks][];
        _thread = new int[chunks];
        _budget = budgetBytes / sizeof(int);
    }

    /// <summary>True when some chunk is kept and the streams are bound to a phrase table (rewriting may replay).</summary>
    public bool Ready => _replayWords is not null;

    /// <summary>Keeps a copy of one chunk's indices, counted by thread <paramref name="thread"/>, if the budget allows.</summary>
    public void TryKeep(int chunk, int thread, ReadOnlySpan<int> ids)
    {
        if (Interlocked.Add(ref _budget, -ids.Length) < 0)
        {
            Interlocked.Add(ref _budget, ids.Length);
            return;
        }

        _ids[chunk] = ids.ToArray();
        _thread[chunk] = thread;
    }

    /// <summary>Forgets every stream (the counts were pruned).</summary>
    public void Clear()
    {
        Array.Clear(_ids);
        _words = null;
        _toMerged = null;
        (_arena, _replayWords) = (null, null);
    }

    /// <summary>Whether chunk <paramref name="chunk"/>'s indices were kept (before or after binding).</summary>
    public bool IsKept(int chunk) => _ids[chunk] is not null;

    /// <summary>Chunk <paramref name="chunk"/>'s kept indices (see <see cref="IsKept"/>).</summary>
    public ReadOnlySpan<int> Ids(int chunk) => _ids[chunk];

    /// <summary>
    /// Rewrites every kept chunk's indices into the merged table's, in place and in parallel: <paramref name="toMerged"/>[t]
    /// maps counting thread t's indices (null: already the merged ones). Afterwards every stream speaks the merged
    /// table's indices, as if one thread had counted them all.
    /// </summary>
    public void Globalize(int[]?[] toMerged, int threads, CancellationToken cancellation)
    {
        ChunkWorkers.Run(Math.Max(1, Math.Min(threads, _ids.Length)), _ids.Length, "phrase-ids", (_, queue) =>
        {
            while (queue.TryTake(out int chunk))
            {
                if (_ids[chunk] is not int[] ids || toMerged[_thread[chunk]] is not int[] map)
                {
                    continue;
                }

                for (int i = 0; i < ids.Length; i++)
                {
                    int id = ids[i];
                    ids[i] = id == LineEnd ? LineEnd : map[id];
                }

                _thread[chunk] = 0;
            }
        }, cancellation);
    }

    /// <summary>
    /// The counts are final: <paramref name="words"/> is the merged unigram table, and <paramref name="toMerged"/>[t]
    /// maps thread t's indices into it (null: thread t's table is the merged one).
    /// </summary>
    public void Bind(Utf8WordTable words, int[]?[] toMerged)
    {
        _words = words;
        _toMerged = toMerged;
    }

    /// <summary>
    /// Binds the streams to <paramref name="table"/>: every word's bytes are copied into one arena, padded at the
    /// end by <see cref="Padding"/> bytes, and each thread gets one entry per word index of its own (offset, length,
    /// phrase-word index), so a replayed token costs one lookup and one vector copy.
    /// </summary>
    public void Attach(PhraseTable table)
    {
        if (_words is null || Array.TrueForAll(_ids, ids => ids is null))
        {
            return;
        }

        Utf8WordTable words = _words;
        long bytes = Padding;
        for (int i = 0; i < words.Count; i++)
        {
            bytes += words.GetWord(i).Length;
        }

        if (bytes > Array.MaxLength)
        {
            Clear();
            return;
        }

        var arena = new byte[bytes];
        var merged = new ReplayWord[words.Count];
        int offset = 0;
        for (int i = 0; i < merged.Length; i++)
        {
            ReadOnlySpan<byte> word = words.GetWord(i);
            word.CopyTo(arena.AsSpan(offset));
            merged[i] = new ReplayWord(offset, word.Length, table.Words.Count == 0 ? -1 : table.Words.IndexOf(word));
            offset += word.Length;
        }

        var perThread = new ReplayWord[_toMerged!.Length][];
        for (int t = 0; t < perThread.Length; t++)
        {
            int[]? map = _toMerged[t];
            perThread[t] = map is null ? merged : Array.ConvertAll(map, index => merged[index]);
        }

        (_arena, _replayWords, _words, _toMerged) = (arena, perThread, null, null);
    }

    /// <summary>Whether chunk <paramref name="chunk"/> can be replayed.</summary>
    public bool Has(int chunk) => Ready && _ids[chunk] is not null;

    /// <summary>Feeds chunk <paramref name="chunk"/>'s tokens and line ends to <paramref name="sink"/>, in text order.</summary>
    public void Replay<TSink>(int chunk, ref TSink sink)
        where TSink : struct, IIdTokenSink
    {
        int[] ids = _ids[chunk]!;
        ReplayWord[] words = _replayWords![_thread[chunk]];
        byte[] arena = _arena!;
        foreach (int id in ids)
        {
            if (id == LineEnd)
            {
                sink.OnSentenceEnd();
                continue;
            }

            ReplayWord word = words[id];
            sink.OnToken(arena.AsSpan(word.Offset, word.Length + Padding), word.Length, word.PhraseWord);
        }
    }

    private readonly record struct ReplayWord(int Offset, int Length, int PhraseWord);
}
