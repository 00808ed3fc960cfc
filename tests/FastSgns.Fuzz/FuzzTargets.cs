using System.Text;
using FastSgns.Corpus;
using FastSgns.Embeddings;
using FastSgns.Vocabulary;
using FastSgns.Writers;

namespace FastSgns.Fuzz;

/// <summary>
/// The fuzz targets, shared by the AFL++ harness (Program.cs) and the regression tests that replay
/// fuzz-cases/ (the test project links this file). A target returns normally for any input it accepts or rejects
/// with <see cref="InvalidDataException"/>; any other exception, or a broken invariant, is a finding.
/// </summary>
public static class FuzzTargets
{
    public static readonly string[] Names = ["vectors", "vectors-text", "vectors-binary", "vocabulary", "tokenizer"];

    /// <summary>Runs target <paramref name="name"/> on <paramref name="data"/>; file targets use <paramref name="scratchPath"/>.</summary>
    public static void Run(string name, byte[] data, string scratchPath)
    {
        switch (name)
        {
            case "vectors":
                Vectors(data, scratchPath, binary: null);
                break;
            case "vectors-text":
                Vectors(data, scratchPath, binary: false);
                break;
            case "vectors-binary":
                Vectors(data, scratchPath, binary: true);
                break;
            case "vocabulary":
                VocabularyRead(data, scratchPath);
                break;
            case "tokenizer":
                Tokenize(data, scratchPath);
                break;
            default:
                throw new ArgumentException($"Unknown fuzz target \"{name}\"; expected one of {string.Join(", ", Names)}.");
        }
    }

    private static void Vectors(byte[] data, string scratchPath, bool? binary)
    {
        File.WriteAllBytes(scratchPath, data);
        WordEmbeddings vectors;
        try
        {
            vectors = Word2VecReader.Load(scratchPath, binary);
        }
        catch (InvalidDataException e)
        {
            Check(e.Message.StartsWith(scratchPath + ": byte ", StringComparison.Ordinal), $"error does not name the file and offset: {e.Message}");
            return;
        }

        // Whatever loads must be sane: finite values and no more data than the file could hold.
        using (vectors)
        {
            Check(vectors.Vectors.Rows == vectors.Count, "the matrix has not one row per word");
            Check((long)vectors.Count * vectors.Dim <= data.Length, "more values than bytes in the file");
            for (int row = 0; row < vectors.Count; row++)
            {
                foreach (float v in vectors.Vectors.Row(row))
                {
                    Check(float.IsFinite(v), "a loaded value is not finite");
                }
            }
        }
    }

    private static void VocabularyRead(byte[] data, string scratchPath)
    {
        File.WriteAllBytes(scratchPath, data);
        Utf8WordTable table;
        try
        {
            table = VocabularyFile.Read(scratchPath);
        }
        catch (InvalidDataException e)
        {
            Check(e.Message.StartsWith(scratchPath + ":", StringComparison.Ordinal), $"error does not name the file: {e.Message}");
            return;
        }

        for (int i = 0; i < table.Count; i++)
        {
            ReadOnlySpan<byte> word = table.GetWord(i);
            Check(!word.IsEmpty && word.Length <= Tokenizer.MaxTokenBytes, $"word {i} has {word.Length} bytes");
            Check(table.GetCount(i) > 0, $"word {i} has count {table.GetCount(i)}");
        }
    }

    /// <summary>Tokens are non-empty, bounded, whitespace-free; what the vocabulary saves reads back.</summary>
    private static void Tokenize(byte[] data, string scratchPath)
    {
        var sink = new CheckingSink();
        long tokens = Tokenizer.Tokenize(data, ref sink);
        Utf8WordTable counts = VocabularyCounter.Count(data, out long counted);
        Check(tokens == counted, "the counter and the tokenizer disagree");
        if (counts.Count == 0)
        {
            return;
        }

        Vocab vocabulary = Vocab.Build(counts, 1, 0);
        VocabularyFile.Save(vocabulary, scratchPath);
        Utf8WordTable reread = VocabularyFile.Read(scratchPath);
        Check(reread.Count >= 1 && reread.Count <= vocabulary.Count, "the saved vocabulary does not read back");

        // Every vocabulary must make a vector file that loads again, in both formats.
        using var vectors = WordEmbeddings.FromRowMajor([.. vocabulary.Words], new float[vocabulary.Count * 2], 2);
        foreach (bool binary in new[] { false, true })
        {
            Word2VecWriter.Save(vectors, scratchPath, binary);
            using WordEmbeddings loaded = Word2VecReader.Load(scratchPath);
            Check(loaded.Count == vectors.Count, $"{(binary ? "binary" : "text")} file of {vectors.Count} words loads {loaded.Count}");
            for (int i = 0; i < loaded.Count; i++)
            {
                Check(loaded.Word(i) == vectors.Word(i), $"word {i} \"{vectors.Word(i)}\" loads as \"{loaded.Word(i)}\"");
            }
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzFindingException(message);
        }
    }

    private struct CheckingSink : ITokenSink
    {
        public readonly void OnToken(ReadOnlySpan<byte> token)
        {
            Check(!token.IsEmpty, "an empty token");
            Check(token.Length <= Tokenizer.MaxTokenBytes, $"a token of {token.Length} bytes");
            foreach (byte b in token)
            {
                Check(!Tokenizer.IsWhitespace(b), "whitespace inside a token");
            }

            Check(Encoding.UTF8.GetString(token).Length > 0, "a token decodes to nothing");
        }

        public readonly void OnSentenceEnd()
        {
        }
    }
}
