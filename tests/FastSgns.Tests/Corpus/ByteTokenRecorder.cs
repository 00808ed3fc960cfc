using FastSgns.Corpus;

namespace FastSgns.Tests.Corpus;

/// <summary>Records tokens byte for byte (invalid UTF-8 included) and sentence ends (null), to compare tokenizers exactly.</summary>
internal struct ByteTokenRecorder() : ITokenSink
{
    public List<byte[]?> Items { get; } = [];

    public readonly void OnToken(ReadOnlySpan<byte> token) => Items.Add(token.ToArray());

    public readonly void OnSentenceEnd() => Items.Add(null);
}
