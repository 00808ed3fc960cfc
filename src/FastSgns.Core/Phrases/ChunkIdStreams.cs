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

    private readonly int[]?[] _ids;
    private readonly int[] _thread;
    private long _budget;

    // Bound after counting (Bind) and after scoring (Attach).
    private Utf8WordTable? _words;
    private int[]?[]? _toMerged;
    private int[]? _phraseWord;

    /// <summary>Streams for <paramref name="chunks"/> chunks within <paramref name="budgetBytes"/> bytes of indices.</summary>
    public ChunkIdStreams(int chunks, long budgetBytes)
    {
        _ids = new int[chunks][];
        _thread = new int[chunks];
        _budget = budgetBytes / sizeof(int);
    }

    /// <summary>True when some chunk is kept and the streams are bound to a phrase table (rewriting may replay).</summary>
    public bool Ready => _phraseWord is not null;

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
        _phraseWord = null;
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

    /// <summary>Maps every merged index to its word's index in <paramref name="table"/>'s phrase words (−1: none).</summary>
    public void Attach(PhraseTable table)
    {
        if (_words is null || Array.TrueForAll(_ids, ids => ids is null))
        {
            return;
        }

        var phraseWord = new int[_words.Count];
        for (int i = 0; i < phraseWord.Length; i++)
        {
            phraseWord[i] = table.Words.Count == 0 ? -1 : table.Words.IndexOf(_words.GetWord(i));
        }

        _phraseWord = phraseWord;
    }

    /// <summary>Whether chunk <paramref name="chunk"/> can be replayed.</summary>
    public bool Has(int chunk) => Ready && _ids[chunk] is not null;

    /// <summary>Feeds chunk <paramref name="chunk"/>'s tokens and line ends to <paramref name="sink"/>, in text order.</summary>
    public void Replay<TSink>(int chunk, ref TSink sink)
        where TSink : struct, IIdTokenSink
    {
        int[] ids = _ids[chunk]!;
        int[]? toMerged = _toMerged![_thread[chunk]];
        int[] phraseWord = _phraseWord!;
        Utf8WordTable words = _words!;
        foreach (int id in ids)
        {
            if (id == LineEnd)
            {
                sink.OnSentenceEnd();
                continue;
            }

            int merged = toMerged is null ? id : toMerged[id];
            sink.OnToken(words.GetWord(merged), phraseWord[merged]);
        }
    }
}
