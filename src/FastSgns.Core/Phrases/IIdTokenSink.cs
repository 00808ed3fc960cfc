namespace FastSgns.Phrases;

/// <summary>Receives a replayed chunk (<see cref="ChunkIdStreams.Replay{TSink}"/>): each token with its phrase-word index already looked up.</summary>
internal interface IIdTokenSink
{
    /// <summary>
    /// A token, the first <paramref name="length"/> bytes of <paramref name="padded"/> (which holds at least
    /// <see cref="ChunkIdStreams.Padding"/> bytes, so a short token can be copied in one vector), and its index among
    /// the phrase table's words (−1: it takes part in no phrase).
    /// </summary>
    void OnToken(ReadOnlySpan<byte> padded, int length, int phraseWord);

    void OnSentenceEnd();
}
