using System.Security.Cryptography;
using FastSgns.Corpus;
using FastSgns.Ids;
using FastSgns.Vocabulary;

namespace FastSgns.Benchmarks;

/// <summary>
/// Checks on a real file that the fast paths give what the reference paths give: the 2-thread count (batched
/// lookups, merged tables) against the byte-by-byte tokenizer adding token by token on one thread (same words in the
/// same insertion order, same counts), and the 2-thread encoder against the one-thread token-by-token encoder (same
/// id bytes, compared by SHA-256). Prints the digests, so two builds can be compared too. Exit code 1 on a difference.
///   usage: FastSgns.Benchmarks text-check FILE [MIN_COUNT=5]
/// </summary>
internal static class TextPipelineCheck
{
    public static int Run(string[] args)
    {
        string path = args[0];
        int minCount = args.Length > 1 ? int.Parse(args[1]) : 5;
        using CorpusFiles files = CorpusFiles.Open([path]);
        Utf8WordTable fast = VocabularyCounter.CountParallel(files, 2, null, out long tokens);
        var reference = new ReferenceCountingSink(new Utf8WordTable(1 << 16));
        long referenceTokens = 0;
        using (var stream = File.OpenRead(path))
        {
            referenceTokens = ScalarStream(stream, ref reference);
        }

        bool same = tokens == referenceTokens && Same(fast, reference.Table);
        Console.WriteLine($"count: {tokens:N0} tokens, {fast.Count:N0} distinct; reference {referenceTokens:N0} tokens, {reference.Table.Count:N0} distinct: {(same ? "same" : "DIFFERENT")}");
        Vocab vocabulary = Vocab.Build(fast, minCount, 0);
        string vocabularyDigest = Digest(output =>
        {
            using var writer = new StreamWriter(output, leaveOpen: true);
            for (int i = 0; i < vocabulary.Count; i++)
            {
                writer.Write($"{vocabulary[i]} {vocabulary.GetCount(i)}\n");
            }
        });
        string parallel = Digest(output => ParallelCorpusEncoder.Encode(files, vocabulary, output, 2));
        string sequential = Digest(output => CorpusEncoder.Encode(files, vocabulary, output));
        Console.WriteLine($"vocabulary (min-count {minCount}, {vocabulary.Count:N0} words) sha256 {vocabularyDigest}");
        Console.WriteLine($"ids sha256: 2 threads, batched {parallel}; 1 thread, token by token {sequential}: {(parallel == sequential ? "same" : "DIFFERENT")}");
        return same && parallel == sequential ? 0 : 1;
    }

    /// <summary>The byte-by-byte tokenizer over a stream, cut at whitespace between reads as the stream tokenizer cuts.</summary>
    private static long ScalarStream(Stream stream, ref ReferenceCountingSink sink)
    {
        byte[] buffer = new byte[1 << 20];
        long tokens = 0;
        int filled = 0;
        while (true)
        {
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            int end = filled + read;
            int cut = read == 0 ? end : Array.FindLastIndex(buffer, end - 1, end, b => Tokenizer.IsWhitespace(b)) + 1;
            tokens += Tokenizer.TokenizeScalar(buffer.AsSpan(0, cut), ref sink);
            buffer.AsSpan(cut, end - cut).CopyTo(buffer);
            filled = end - cut;
            if (read == 0)
            {
                return tokens;
            }
        }
    }

    private static bool Same(Utf8WordTable a, Utf8WordTable b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            int j = b.IndexOf(a.GetWord(i));
            if (j < 0 || b.GetCount(j) != a.GetCount(i))
            {
                return false;
            }
        }

        return true;
    }

    private static string Digest(Action<Stream> write)
    {
        var sha = SHA256.Create();
        using var stream = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write);
        write(stream);
        stream.FlushFinalBlock();
        return Convert.ToHexString(sha.Hash!)[..16];
    }

    private readonly struct ReferenceCountingSink(Utf8WordTable table) : ITokenSink
    {
        public readonly Utf8WordTable Table = table;

        public void OnToken(ReadOnlySpan<byte> token) => Table.Add(token);

        public void OnSentenceEnd()
        {
        }
    }
}
