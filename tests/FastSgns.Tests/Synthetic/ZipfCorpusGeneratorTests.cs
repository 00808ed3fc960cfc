using System.Diagnostics;
using FastSgns.Synthetic;

namespace FastSgns.Tests.Synthetic;

public sealed class ZipfCorpusGeneratorTests
{
    /// <summary>Small blocks, so a few thousand tokens cross many block boundaries.</summary>
    private const int SmallBlock = 1000;

    private static byte[] Generate(long tokens, ulong seed = 1, int threads = 1, int blockTokens = SmallBlock, int vocabulary = 50_000)
    {
        using var stream = new MemoryStream();
        long bytes = ZipfCorpusGenerator.Write(stream, tokens, vocabulary, seed, threads, blockTokens, CancellationToken.None);
        Assert.Equal(stream.Length, bytes);
        return stream.ToArray();
    }

    /// <summary>Words per line; also checks that words are separated by single spaces and the text ends a line.</summary>
    private static List<int> LineLengths(byte[] text)
    {
        Assert.Equal((byte)'\n', text[^1]);
        var lengths = new List<int>();
        int words = 0;
        bool inWord = false;
        foreach (byte b in text)
        {
            if (b is (byte)' ' or (byte)'\n')
            {
                Assert.True(inWord, "an empty word");
                words++;
                inWord = false;
                if (b == '\n')
                {
                    lengths.Add(words);
                    words = 0;
                }
            }
            else
            {
                Assert.InRange(b, (byte)'a', (byte)'z');
                inWord = true;
            }
        }

        return lengths;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Write_GivesTheSameBytes_OnAnyThreadCount(int threads)
    {
        byte[] single = Generate(123_457, seed: 5, threads: 1);

        Assert.Equal(single, Generate(123_457, seed: 5, threads: threads));
    }

    [Fact]
    public void Write_GivesTheSameBytes_OnAnyThreadCount_WithTheDefaultBlockSize()
    {
        long tokens = 2L * ZipfCorpusGenerator.BlockTokens + 5;
        var outputs = new List<byte[]>();
        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var stream = new MemoryStream();
            ZipfCorpusGenerator.Write(stream, tokens, 1_500_000, seed: 11, threads: threads);
            outputs.Add(stream.ToArray());
        }

        Assert.Equal(outputs[0], outputs[1]);
        Assert.Equal(outputs[0], outputs[2]);
        Assert.Equal(tokens, LineLengths(outputs[0]).Sum());
    }

    [Fact]
    public void Write_GivesDifferentText_ForDifferentSeeds()
    {
        byte[] first = Generate(10_000, seed: 1);
        byte[] second = Generate(10_000, seed: 2);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Write_GivesEachBlockItsOwnText()
    {
        // Blocks end on line ends, so block 1 starts after the line that completes the first SmallBlock tokens. Were
        // both blocks seeded alike, they would be the same text.
        byte[] text = Generate(2 * SmallBlock, seed: 3);
        List<int> lengths = LineLengths(text);
        int lines = 0;
        for (int tokens = 0; tokens < SmallBlock; lines++)
        {
            tokens += lengths[lines];
        }

        int secondBlock = 0;
        for (int i = 0; i < lines; i++)
        {
            secondBlock = Array.IndexOf(text, (byte)'\n', secondBlock) + 1;
        }

        int shorter = Math.Min(secondBlock, text.Length - secondBlock);
        Assert.False(text.AsSpan(0, shorter).SequenceEqual(text.AsSpan(secondBlock, shorter)));
        Assert.Equal(SmallBlock, lengths.Take(lines).Sum());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(SmallBlock - 1)]
    [InlineData(SmallBlock)]
    [InlineData(SmallBlock + 1)]
    [InlineData(SmallBlock + 7)]
    [InlineData(SmallBlock + 8)]
    [InlineData(3 * SmallBlock + 5)]
    [InlineData(3 * SmallBlock + 31)]
    public void Write_WritesExactlyTheTokens_WhenTheCountIsNotAMultipleOfTheBlock(long tokens)
    {
        Assert.Equal(tokens, LineLengths(Generate(tokens, threads: 2)).Sum());
    }

    [Theory]
    [InlineData(8)]
    [InlineData(33)]
    [InlineData(39)]
    [InlineData(40)]
    [InlineData(SmallBlock + 3)]
    [InlineData(100_003)]
    public void Write_PutsEightToThirtyTwoWordsOnEveryLine_WhenThereAreAtLeastEightTokens(long tokens)
    {
        List<int> lengths = LineLengths(Generate(tokens, threads: 2));

        Assert.All(lengths, length => Assert.InRange(length, 8, 32));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Write_PutsAllTokensOnOneLine_WhenThereAreFewerThanEight(long tokens)
    {
        Assert.Equal([(int)tokens], LineLengths(Generate(tokens)));
    }

    [Fact]
    public void Write_WritesNothing_WhenThereAreNoTokens()
    {
        Assert.Empty(Generate(0));
    }

    [Fact]
    public void Write_DrawsRanksFromTheZipfLaw()
    {
        const int vocabulary = 1_500_000;
        using var stream = new MemoryStream();
        ZipfCorpusGenerator.Write(stream, 4_000_000, vocabulary, seed: 7, threads: 2);

        // Ranks below 100 are the two-letter words; their syllable index is the rank.
        var counts = new long[100];
        long tokens = 0;
        int wordStart = 0;
        byte[] text = stream.ToArray();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is (byte)' ' or (byte)'\n')
            {
                if (i - wordStart == 2)
                {
                    counts["bcdfghjklmnprstvwxyz".IndexOf((char)text[wordStart]) * 5 + "aeiou".IndexOf((char)text[wordStart + 1])]++;
                }

                tokens++;
                wordStart = i + 1;
            }
        }

        // P(rank = r) = ln((r + 2) / (r + 1)) / ln(1 + V): the head of a Zipf law with exponent 1, where rank 0 is
        // ln 2 / ln 1.5 ≈ 1.71 times as frequent as rank 1 (an ideal 1/(r + 1) would give 2; this law goes as 1/(r + 1.5)).
        for (int rank = 0; rank < 10; rank++)
        {
            double expected = Math.Log((rank + 2.0) / (rank + 1.0)) / Math.Log(vocabulary + 1.0);
            Assert.InRange(counts[rank] / (double)tokens, expected * 0.97, expected * 1.03);
        }

        Assert.InRange(counts[0] / (double)counts[1], 1.66, 1.76);
    }

    [Fact]
    public void Write_Throws_WhenCancelledBeforeItStarts()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            ZipfCorpusGenerator.Write(Stream.Null, 1_000_000, 1000, threads: 2, cancellation: cancellation.Token));
    }

    [Fact]
    public void Write_StopsPromptly_WhenCancelledWhileWriting()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var stopwatch = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            ZipfCorpusGenerator.Write(Stream.Null, 1_000_000_000_000, 1_500_000, threads: 2, cancellation: cancellation.Token));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Write_RejectsANegativeThreadCount()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ZipfCorpusGenerator.Write(Stream.Null, 10, 100, threads: -1));
    }
}
