namespace FastSgns.Corpus;

/// <summary>Receives tokens from <see cref="Tokenizer"/>; implemented by structs so the call is inlined.</summary>
internal interface ITokenSink
{
    void OnToken(ReadOnlySpan<byte> token);

    void OnSentenceEnd();
}
