using FastSgns.Corpus;

namespace FastSgns.Tests.Corpus;

/// <summary>
/// The vectorized <see cref="Tokenizer.Tokenize"/> against the byte-by-byte reference on fuzzed text: every kind of
/// whitespace (NUL runs, \r, tabs, \v \f, empty lines), UTF-8 of 1–4 bytes, stray continuation bytes, tokens around
/// the 100-byte cut and around the 32-byte vector steps and 64-byte blocks, and the same text streamed through buffers that cut it
/// anywhere (UTF-8 characters at buffer edges).
/// </summary>
public sealed class VectorTokenizerTests
{
    private static readonly byte[][] s_pieces =
    [
        " "u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\t"u8.ToArray(), "\v\f"u8.ToArray(), "\n\n\n"u8.ToArray(),
        [0], [0, 0, 0, 0, 0], "é"u8.ToArray(), "語"u8.ToArray(), "𝄞"u8.ToArray(), [0x80, 0xBF], [0xFF], [0x1F, 0x7F],
        "!"u8.ToArray(),
    ];

    private static byte[] Fuzz(Random random, int pieces, bool separated = false)
    {
        var text = new List<byte>();
        for (int p = 0; p < pieces; p++)
        {
            int kind = random.Next(4);
            if (kind == 0)
            {
                text.AddRange(s_pieces[random.Next(s_pieces.Length)]);
                continue;
            }

            // A word: short most of the time, sometimes around the 32-byte step or the 100-byte cut, with multi-byte
            // characters so that the cut and the vector edges fall inside them.
            int length = kind == 1 ? random.Next(1, 12) : kind == 2 ? random.Next(28, 70) : random.Next(95, 140);
            for (int i = 0; i < length; i++)
            {
                int c = random.Next(20);
                text.AddRange(c < 16 ? [(byte)('a' + c)] : c < 18 ? "é"u8.ToArray() : c < 19 ? "語"u8.ToArray() : "𝄞"u8.ToArray());
            }

            if (separated)
            {
                text.Add((byte)" \n\t\r"[random.Next(4)]);
            }
        }

        return [.. text];
    }

    private static List<byte[]?> Reference(byte[] text)
    {
        var sink = new ByteTokenRecorder();
        Tokenizer.TokenizeScalar(text, ref sink);
        return sink.Items;
    }

    private static void AssertSame(List<byte[]?> expected, List<byte[]?> actual, int seed)
    {
        Assert.True(expected.Count == actual.Count, $"seed {seed}: {actual.Count} items, expected {expected.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i] is null ? actual[i] is null : actual[i] is { } a && a.AsSpan().SequenceEqual(expected[i]),
                $"seed {seed}: item {i} differs");
        }
    }

    [Fact]
    public void Tokenize_GivesTheReferenceTokens_OnFuzzedText()
    {
        long tokens = 0;
        for (int seed = 0; seed < 400; seed++)
        {
            byte[] text = Fuzz(new Random(seed), 1 + seed % 97);
            List<byte[]?> expected = Reference(text);
            var actual = new ByteTokenRecorder();

            long count = Tokenizer.Tokenize(text, ref actual);

            AssertSame(expected, actual.Items, seed);
            Assert.Equal(expected.Count(t => t is not null), count);
            tokens += count;
        }

        Assert.True(tokens > 2_000, $"the fuzz made only {tokens} tokens");
    }

    [Fact]
    public void Tokenize_GivesTheReferenceTokens_ForEveryPrefix()
    {
        // Every end of the buffer, so the last token meets the scalar tail at every distance from a vector step.
        byte[] text = Fuzz(new Random(7), 60);
        for (int length = 0; length <= text.Length; length++)
        {
            var actual = new ByteTokenRecorder();
            Tokenizer.Tokenize(text.AsSpan(0, length), ref actual);
            AssertSame(Reference(text[..length]), actual.Items, length);
        }
    }

    [Theory]
    [InlineData(600)]
    [InlineData(777)]
    [InlineData(4096)]
    public void StreamTokenizer_GivesTheReferenceTokens_WhereverItsBuffersCut(int buffer)
    {
        // Words are separated here, so no token exceeds 140 × 4 bytes: the buffer holds any whole token (a longer one
        // is cut at the buffer, by design) and its edges fall inside words and characters.
        for (int seed = 0; seed < 60; seed++)
        {
            byte[] text = Fuzz(new Random(1000 + seed), 200, separated: true);
            List<byte[]?> expected = Reference(text);
            expected.Add(null);
            var actual = new ByteTokenRecorder();

            StreamTokenizer.Tokenize(new MemoryStream(text), ref actual, buffer);

            AssertSame(expected, actual.Items, seed);
        }
    }

    [Fact]
    public void Tokenize_GivesTheReferenceTokens_InBatches()
    {
        long tokens = 0;
        int batches = 0;
        for (int seed = 0; seed < 400; seed++)
        {
            byte[] text = Fuzz(new Random(seed), 1 + seed % 97 * 8, separated: seed % 2 == 0);
            List<byte[]?> expected = Reference(text);
            var actual = new ByteBatchRecorder();

            long count = Tokenizer.Tokenize(text, ref actual);

            AssertSame(expected, actual.Items, seed);
            Assert.Equal(expected.Count(t => t is not null), count);
            Assert.InRange(actual.LargestBatch, 0, TokenBatch.Size);
            tokens += count;
            batches += actual.Batches;
        }

        // Enough text that full batches of 64 and short last ones both occurred.
        Assert.True(batches > 800 && tokens > 40_000, $"{batches} batches, {tokens} tokens");
    }

    [Fact]
    public void Tokenize_GivesTheReferenceTokens_InBatches_ForEveryPrefix()
    {
        byte[] text = Fuzz(new Random(8), 150);
        for (int length = 0; length <= text.Length; length++)
        {
            var actual = new ByteBatchRecorder();
            Tokenizer.Tokenize(text.AsSpan(0, length), ref actual);
            AssertSame(Reference(text[..length]), actual.Items, length);
        }
    }

    [Theory]
    [InlineData(600)]
    [InlineData(4096)]
    public void StreamTokenizer_GivesTheReferenceTokens_InBatches_WhereverItsBuffersCut(int buffer)
    {
        for (int seed = 0; seed < 60; seed++)
        {
            byte[] text = Fuzz(new Random(2000 + seed), 300, separated: true);
            List<byte[]?> expected = Reference(text);
            expected.Add(null);
            var actual = new ByteBatchRecorder();

            StreamTokenizer.Tokenize(new MemoryStream(text), ref actual, buffer);

            AssertSame(expected, actual.Items, seed);
        }
    }

    [Fact]
    public void Tokenize_EndsSentencesOnEveryNewline_AndTreatsTheOtherControlsAsSpaces()
    {
        byte[] text = "a\tb\r\nc\v\fd\0\0e\n\n f"u8.ToArray();
        var actual = new ByteTokenRecorder();

        Tokenizer.Tokenize(text, ref actual);

        Assert.Equal(["a", "b", null, "c", "d", "e", null, null, "f"],
            actual.Items.Select(t => t is null ? null : System.Text.Encoding.UTF8.GetString(t)));
    }
}
