namespace FastSgns.Phrases;

/// <summary>Receives a replayed chunk (<see cref="ChunkIdStreams.Replay{TSink}"/>): each token with its phrase-word index already looked up.</summary>
internal interface IIdTokenSink
{
    /// <summary>A token and its index among the phrase table's words (−1: it takes part in no phrase).</summary>
    void OnToken(ReadOnlySpan<byte> token, int phraseWord);

    void OnSentenceEnd();
}
