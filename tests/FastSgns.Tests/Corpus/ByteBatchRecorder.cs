using FastSgns.Corpus;

namespace FastSgns.Tests.Corpus;

/// <summary>
/// <see cref="ByteTokenRecorder"/> for a sink that takes batches: records what batches hold (tokens byte for byte,
/// sentence ends as null) and how they came, so a test can check both the tokens and that batches were used.
/// </summary>
internal struct ByteBatchRecorder() : ITokenSink
{
    public List<byte[]?> Items { get; } = [];

    public int Batches { get; private set; }

    public int LargestBatch { get; private set; }

    public static bool TakesBatches => true;

    public readonly void OnToken(ReadOnlySpan<byte> token) => Items.Add(token.ToArray());

    public readonly void OnSentenceEnd() => Items.Add(null);

    public void OnBatch(ReadOnlySpan<byte> text, ReadOnlySpan<TokenSpan> batch)
    {
        Batches++;
        LargestBatch = Math.Max(LargestBatch, batch.Length);
        foreach (TokenSpan token in batch)
        {
            Items.Add(token.IsSentenceEnd ? null : text.Slice(token.Start, token.Length).ToArray());
        }
    }
}
