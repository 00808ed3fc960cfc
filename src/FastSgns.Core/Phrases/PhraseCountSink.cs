using FastSgns.Corpus;

namespace FastSgns.Phrases;

/// <summary>
/// Counts one chunk's words and the bigrams inside it. word2phrase counts a bigram across a line end too (its
/// "start of line" flag is reset before it is read), so with <c>sentenceBounded</c> false a line end does not
/// break the chain; gensim (true) counts within sentences only. The chunk's first token is paired with its
/// predecessor later, from <see cref="ChunkEdges"/>. With <c>ids</c>, every token's index and every line end
/// (<see cref="ChunkIdStreams.LineEnd"/>) is recorded too, for rewriting to replay. Without <c>countPairs</c> only the
/// words are counted (<see cref="PairPartitions"/> counts the bigrams afterwards from the recorded indices).
/// </summary>
internal struct PhraseCountSink(PhraseCounts counts, ChunkEdges edges, bool sentenceBounded, List<int>? ids, bool countPairs = true) : ITokenSink
{
    private int _previous = -1;

    public void OnToken(ReadOnlySpan<byte> token)
    {
        PhraseCounts tables = counts;
        int id = tables.Unigrams.Add(token);
        tables.Words++;
        ids?.Add(id);
        if (_previous >= 0)
        {
            if (countPairs)
            {
                tables.AddPair(PairTable.Key(_previous, id));
            }
        }
        else if (!edges.HasTokens)
        {
            edges.HasTokens = true;
            edges.FirstWord = token.ToArray();
            edges.SentenceEndBeforeFirst = edges.SawSentenceEnd;
        }

        _previous = id;
        if (tables.OverBound && tables.Enforce())
        {
            // Indices changed; the word may itself have been pruned (then the next bigram is lost, as a pruned
            // count is lost: counts under a memory bound are approximate).
            _previous = tables.Unigrams.IndexOf(token);
        }

        edges.SentenceEndAfterLast = false;
    }

    public void OnSentenceEnd()
    {
        ids?.Add(ChunkIdStreams.LineEnd);
        edges.SawSentenceEnd = true;
        edges.SentenceEndAfterLast = true;
        if (sentenceBounded)
        {
            _previous = -1;
        }
    }

    /// <summary>Records the chunk's last word once it is done.</summary>
    public readonly void Finish()
    {
        counts.Flush();
        edges.LastWord = edges.HasTokens && _previous >= 0 ? counts.Unigrams.GetWord(_previous).ToArray() : null;
    }
}
