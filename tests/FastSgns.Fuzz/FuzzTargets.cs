using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using FastSgns.Checkpoints;
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
    public static readonly string[] Names = ["vectors", "vectors-text", "vectors-binary", "vocabulary", "tokenizer", "checkpoint", "gzip"];

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
            case "checkpoint":
                CheckpointRead(data, scratchPath);
                break;
            case "gzip":
                GzipCorpus(data, scratchPath);
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

    /// <summary>A small valid checkpoint (3 words, dim 4, one worker) to seed the checkpoint target with.</summary>
    public static void WriteCheckpointSeed(string path)
    {
        var table = new Utf8WordTable();
        table.Add("the"u8, 9);
        table.Add("cat"u8, 4);
        table.Add("sat"u8, 2);
        Vocab vocabulary = Vocab.Build(table, 1, 0);
        using var input = new EmbeddingMatrix(vocabulary.Count, 4);
        using var output = new EmbeddingMatrix(vocabulary.Count, 4);
        input.InitializeUniform(7);
        var checkpoint = new TrainingCheckpoint
        {
            Identity = [new("Dim", "4"), new("Threads", "1")],
            WordsProcessed = 40,
            Workers = [new WorkerState(1, 12, 40, 12345, 2.5, 31)],
        };
        checkpoint.Save(path, vocabulary, input, output);
    }

    /// <summary>Bounds a fuzzed checkpoint may ask for: its matrices are allocated only up to this many floats.</summary>
    private const long MaxCheckpointFloats = 1 << 20;

    /// <summary>
    /// The checkpoint reader, front to back as a resume uses it: the header (identity, vocabulary), then the progress
    /// and the matrices against bounds of one worker. Whatever loads must be within those bounds and finite.
    /// </summary>
    private static void CheckpointRead(byte[] data, string scratchPath)
    {
        CheckpointAttempt(data, scratchPath);

        // Nearly every mutation fails its section's checksum; forged checksums let the fuzzer reach the parsers and
        // range checks behind them, which must hold on their own.
        byte[] forged = (byte[])data.Clone();
        if (ForgeChecksums(forged))
        {
            CheckpointAttempt(forged, scratchPath);
        }
    }

    /// <summary>Rewrites each section's checksum to match its payload; false when the frame has no whole section.</summary>
    private static bool ForgeChecksums(byte[] data)
    {
        int at = 8 + sizeof(int);
        bool any = false;
        for (int section = 0; section < 4 && at + sizeof(long) <= data.Length; section++)
        {
            long length = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(at));
            if (length < 0 || length > data.Length - at - 2 * sizeof(long))
            {
                break;
            }

            int payload = at + sizeof(long);
            BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(payload + (int)length), XxHash3.HashToUInt64(data.AsSpan(payload, (int)length)));
            at = payload + (int)length + sizeof(ulong);
            any = true;
        }

        return any;
    }

    private static void CheckpointAttempt(byte[] data, string scratchPath)
    {
        File.WriteAllBytes(scratchPath, data);
        try
        {
            CheckpointHeader header = CheckpointHeader.Read(scratchPath);
            Vocab vocabulary = header.Vocabulary!;
            Check(vocabulary.Count >= 2 && vocabulary.Count <= data.Length, $"a vocabulary of {vocabulary.Count} words from {data.Length} bytes");
            string dimText = header.Identity.FirstOrDefault(p => p.Key == "Dim").Value ?? "4";
            if (!int.TryParse(dimText, NumberStyles.None, CultureInfo.InvariantCulture, out int dim) || dim < 1 || (long)dim * vocabulary.Count > MaxCheckpointFloats)
            {
                return;
            }

            using var input = new EmbeddingMatrix(vocabulary.Count, dim);
            using var output = new EmbeddingMatrix(vocabulary.Count, dim);
            var bounds = new ResumeBounds([0, 1000], Epochs: 5, TotalWords: 5000);
            TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(scratchPath, header.Identity, bounds, input, output);
            Check(checkpoint.Workers.Length == 1, $"{checkpoint.Workers.Length} workers loaded for a run of 1");
            WorkerState w = checkpoint.Workers[0];
            Check(w.Epoch is >= 0 and <= 5 && w.Position is >= 0 and <= 1000 && checkpoint.WordsProcessed is >= 0 and <= 5000, $"progress out of bounds: {w}");
            Check(input.AllFinite() && output.AllFinite(), "a loaded matrix is not finite");
        }
        catch (InvalidDataException e)
        {
            Check(e.Message.StartsWith(scratchPath + ": ", StringComparison.Ordinal), $"error does not name the file: {e.Message}");
        }
    }

    /// <summary>A .gz corpus through the public entry point (CorpusFiles): tokens as the tokenizer's, errors naming the file.</summary>
    private static void GzipCorpus(byte[] data, string scratchPath)
    {
        string path = scratchPath + ".gz";
        File.WriteAllBytes(path, data);
        try
        {
            using CorpusFiles files = CorpusFiles.Open([path]);
            var sink = new CheckingSink();
            long tokens = files.Tokenize(ref sink);
            Check(tokens >= 0 && files.TextBytes >= 0, $"{tokens} tokens from {files.TextBytes} bytes");
            Check(tokens <= files.TextBytes / 2 + 1, $"{tokens} tokens in {files.TextBytes} bytes of text");
        }
        catch (InvalidDataException e)
        {
            Check(e.Message.Contains(path, StringComparison.Ordinal), $"error does not name the file: {e.Message}");
        }
        finally
        {
            File.Delete(path);
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
