namespace FastSgns.Corpus;

/// <summary>Receives tokens from <see cref="Tokenizer"/>; implemented by structs so the call is inlined.</summary>
internal interface ITokenSink
{
    /// <summary>
    /// True for a sink that looks tokens up in a table too large for the caches: the tokenizer then hands it
    /// <see cref="TokenBatch.Size"/> tokens at a time through <see cref="OnBatch"/>, so it can start every lookup's
    /// memory access before it waits for the first one. The JIT folds the test per sink type.
    /// </summary>
    static virtual bool TakesBatches => false;

    void OnToken(ReadOnlySpan<byte> token);

    void OnSentenceEnd();

    /// <summary>
    /// Tokens and sentence ends of <paramref name="text"/> in reading order (<see cref="TokenSpan.IsSentenceEnd"/>),
    /// exactly what <see cref="OnToken"/> and <see cref="OnSentenceEnd"/> would receive one by one. Called only on
    /// sinks whose <see cref="TakesBatches"/> is true; a default body here would run on a boxed copy of the struct.
    /// </summary>
    void OnBatch(ReadOnlySpan<byte> text, ReadOnlySpan<TokenSpan> batch) =>
        throw new NotSupportedException("This sink does not take token batches.");
}
