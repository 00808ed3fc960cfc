namespace FastSgns.Phrases;

/// <summary>
/// What the counting of one chunk leaves for its neighbours: the bigram across a chunk edge (the chunk before's last
/// word, this chunk's first) is counted after all chunks, in order, from these.
/// </summary>
internal sealed class ChunkEdges
{
    public bool HasTokens;

    /// <summary>A line ended in the chunk before its first token.</summary>
    public bool SentenceEndBeforeFirst;

    /// <summary>A line ended in the chunk after its last token.</summary>
    public bool SentenceEndAfterLast;

    public bool SawSentenceEnd;

    public byte[]? FirstWord;

    /// <summary>Null also when the last word was pruned from the counts (the edge bigram is then not counted).</summary>
    public byte[]? LastWord;
}
