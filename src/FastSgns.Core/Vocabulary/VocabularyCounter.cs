using FastSgns.Corpus;

namespace FastSgns.Vocabulary;

/// <summary>Counts every token of the input files into a <see cref="Utf8WordTable"/>.</summary>
public static class VocabularyCounter
{
    public static Utf8WordTable Count(IReadOnlyList<MappedFile> files, out long totalTokens)
    {
        var sink = new CountingSink(new Utf8WordTable(1 << 16));
        totalTokens = 0;
        foreach (MappedFile file in files)
        {
            totalTokens += Tokenizer.Tokenize(file, ref sink);
        }

        return sink.Table;
    }

    public static Utf8WordTable Count(ReadOnlySpan<byte> text, out long totalTokens)
    {
        var sink = new CountingSink(new Utf8WordTable(1 << 12));
        totalTokens = Tokenizer.Tokenize(text, ref sink);
        return sink.Table;
    }

    private struct CountingSink(Utf8WordTable table) : ITokenSink
    {
        public readonly Utf8WordTable Table = table;

        public readonly void OnToken(ReadOnlySpan<byte> token) => Table.Add(token);

        public readonly void OnSentenceEnd()
        {
        }
    }
}
