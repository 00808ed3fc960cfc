using System.IO.Compression;
using System.Text;
using FastSgns.Phrases;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Phrases;

/// <summary>The phrase detector against the readable reference (<see cref="ReferencePhrases"/>) and hand-worked cases.</summary>
public sealed class PhraseDetectorTests
{
    internal static string Detect(string text, PhraseOptions options, long chunkBytes = PhraseDetector.ChunkBytes)
    {
        using var temp = new TempDirectory();
        string input = temp.Write("in.txt", text);
        PhraseDetector.Run([input], temp.File("out.txt"), options, temp.Path, chunkBytes: chunkBytes);
        Assert.Equal(["in.txt", "out.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        return File.ReadAllText(temp.File("out.txt"));
    }

    private static PhraseOptions Options(bool npmi, long minCount, double threshold, int passes = 1, int threads = 1) => new()
    {
        Scorer = npmi ? PhraseScorer.Npmi : PhraseScorer.Default,
        MinCount = minCount,
        Threshold = threshold,
        Passes = passes,
        Threads = threads,
    };

    [Theory]
    [InlineData(1, false, 5, 100, 1)]
    [InlineData(2, false, 3, 20, 1)]
    [InlineData(3, false, 1, 0, 1)]
    [InlineData(4, false, 5, 100, 2)]
    [InlineData(5, false, 2, 10, 3)]
    [InlineData(6, true, 5, 0.5, 1)]
    [InlineData(7, true, 2, 0.1, 2)]
    [InlineData(8, true, 3, -0.5, 1)]
    [InlineData(9, true, 1, 0.9, 1)]
    public void Output_EqualsTheReference_OnOneThreadAndOnManyWithTinyChunks(int seed, bool npmi, long minCount, double threshold, int passes)
    {
        string text = PhraseCorpora.Generate(seed, 1500);
        string expected = ReferencePhrases.Run(text, npmi, minCount, threshold, passes);

        string serial = Detect(text, Options(npmi, minCount, threshold, passes));
        string parallel = Detect(text, Options(npmi, minCount, threshold, passes, threads: 3), chunkBytes: 61);

        Assert.True(Joins(expected) > 20, $"only {Joins(expected)} joins: the case tests little");
        Assert.Equal(expected, serial);
        Assert.Equal(expected, parallel);
        Assert.Equal(Words(text.Replace('_', ' ')), Words(serial.Replace('_', ' ')));
    }

    /// <summary>
    /// Rewriting replays the chunks whose word indices counting kept and reads the others again: with no budget every
    /// chunk is read, with a small one some are replayed and some read, with a large one all are replayed.
    /// </summary>
    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 600)]
    [InlineData(false, 1L << 20)]
    [InlineData(true, 600)]
    [InlineData(true, 1L << 20)]
    public void Output_EqualsTheReference_WhetherChunksAreReplayedOrReadAgain(bool npmi, long idBudget)
    {
        string text = PhraseCorpora.Generate(12, 2000);
        string expected = ReferencePhrases.Run(text, npmi, 3, npmi ? 0.3 : 20, 2);
        PhraseOptions options = Options(npmi, 3, npmi ? 0.3 : 20, passes: 2, threads: 3) with { IdStreamBudget = idBudget };

        Assert.True(Joins(expected) > 100, $"only {Joins(expected)} joins: the case tests little");
        Assert.Equal(expected, Detect(text, options, chunkBytes: 97));
        Assert.Equal(expected, Detect(text, options with { Threads = 1 }, chunkBytes: 1000));

        using var temp = new TempDirectory();
        PhrasePass first = PhraseDetector.Run([temp.Write("in.txt", text)], temp.File("out.txt"), options, temp.Path, chunkBytes: 97)[0];
        Assert.True(first.Chunks > 50);
        (int least, int most) = idBudget switch { 0 => (0, 0), 600 => (1, first.Chunks - 1), _ => (first.Chunks, first.Chunks) };
        Assert.InRange(first.ReplayedChunks, least, most);
    }

    [Fact]
    public void Output_IsTheSameBytes_OnAnyThreadCountAndChunkSize()
    {
        string text = PhraseCorpora.Generate(11, 4000);
        PhraseOptions options = Options(npmi: false, 3, 15, passes: 2);
        string serial = Detect(text, options);
        Assert.True(Joins(serial) > 500);
        foreach (long chunk in new long[] { 7, 64, 333, 4096 })
        {
            foreach (int threads in new[] { 1, 2, 4 })
            {
                Assert.Equal(serial, Detect(text, options with { Threads = threads }, chunk));
            }
        }
    }

    [Theory]
    [InlineData(2.0, "a b")]
    [InlineData(1.999, "a_b")]
    public void Bigram_Joins_OnlyWhenItsScoreIsAboveTheThreshold(double threshold, string expected)
    {
        // 32 words; a, b and "a b" 8 times each: (8 − 4) / 8 / 8 · 32 = 2 exactly, and "above" is strict.
        string text = string.Concat(Enumerable.Repeat("a b\n", 8)) + string.Concat(Enumerable.Repeat("c d\n", 8));

        string output = Detect(text, Options(npmi: false, 4, threshold));

        Assert.Equal(expected, output.Split('\n')[0]);
        Assert.Equal(expected.Replace('a', 'c').Replace('b', 'd'), output.Split('\n')[8]);
    }

    [Theory]
    [InlineData(3, "p q")]
    [InlineData(4, "p q")]
    [InlineData(5, "p_q")]
    public void Bigram_SeenMinCountTimes_ScoresZero_AndDoesNotJoin(int occurrences, string expected)
    {
        // min-count 4, threshold 0: count(pq) − 4 must be positive. p and q are frequent either way.
        string text = string.Concat(Enumerable.Repeat("p q\n", occurrences)) + string.Concat(Enumerable.Repeat("p z\nz q\n", 6));

        string output = Detect(text, Options(npmi: false, 4, 0));

        Assert.Equal(expected, output.Split('\n')[0]);
    }

    [Fact]
    public void Phrases_DoNotOverlap_TheWordAfterAJoinStartsAfresh()
    {
        // "a b" and "b c" both score (8 − 4) / 64 · 24 = 1.5 > 1; a line "a b c" becomes "a_b c", never "a_b_c".
        string text = string.Concat(Enumerable.Repeat("a b c\n", 8));

        Assert.Equal(string.Concat(Enumerable.Repeat("a_b c\n", 8)), Detect(text, Options(npmi: false, 4, 1)));
    }

    [Fact]
    public void DefaultScorer_CountsBigramsAcrossLineEnds_AsWord2PhraseDoes_NpmiDoesNot()
    {
        // x ends six lines that y starts: word2phrase counts "x y" 6 + 1 times, gensim once.
        string text = string.Concat(Enumerable.Repeat("x\ny\n", 6)) + "x y\n";

        Assert.EndsWith("\nx_y\n", Detect(text, Options(npmi: false, 2, 1)));
        Assert.EndsWith("\nx y\n", Detect(text, Options(npmi: true, 2, -1)));
        Assert.Equal(ReferencePhrases.Run(text, npmi: false, 2, 1), Detect(text, Options(npmi: false, 2, 1)));
    }

    [Fact]
    public void Lines_AreKept_WordsSingleSpaced_AndTheLastLineEnded()
    {
        string text = "  a   b \n\n\t\nc\r\nd";

        Assert.Equal("a b\n\n\nc\nd\n", Detect(text, Options(npmi: false, 5, 100)));
        Assert.Equal("", Detect("", Options(npmi: false, 5, 100)));
        Assert.Equal("\n\n", Detect("\n\n", Options(npmi: false, 5, 100)));
    }

    [Fact]
    public void SecondPass_JoinsThePhrasesOfTheFirst_IntoTrigrams()
    {
        string text = PhraseCorpora.Generate(21, 3000, messy: false);
        PhraseOptions options = Options(npmi: false, 5, 30);

        string once = Detect(text, options);
        string twice = Detect(text, options with { Passes = 2 });

        Assert.Contains("world_war", once);
        Assert.DoesNotContain("world_war_ii", once);
        Assert.Contains("world_war_ii", twice);
        Assert.Equal(ReferencePhrases.Run(text, false, 5, 30, passes: 2), twice);
    }

    [Fact]
    public void Pruning_UnderAMemoryBound_KeepsTheFrequentPhrases_AndEveryWord()
    {
        string text = PhraseCorpora.Generate(31, 20000, messy: false, vocabulary: 3000);
        PhraseOptions options = Options(npmi: false, 5, 50) with { MaxVocabularyMemory = 256 << 10, Threads = 2 };
        using var temp = new TempDirectory();
        string input = temp.Write("in.txt", text);

        IReadOnlyList<PhrasePass> passes = PhraseDetector.Run([input], temp.File("out.txt"), options, temp.Path);

        string output = File.ReadAllText(temp.File("out.txt"));
        string unbounded = Detect(text, options with { MaxVocabularyMemory = 0 });
        Assert.Contains("pruned", passes[0].Counting);
        Assert.DoesNotContain("pruned", PhraseDetector.Run([input], temp.File("out2.txt"), options with { MaxVocabularyMemory = 0 }, temp.Path)[0].Counting);
        Assert.Equal(Words(text.Replace('_', ' ')), Words(output.Replace('_', ' ')));
        foreach (string phrase in new[] { "new_york", "san_francisco", "los_angeles", "united_states" })
        {
            Assert.Contains(phrase, output);
        }

        // Pruning loses counts, never adds them: it may lose phrases, and finds few the full count does not.
        var pruned = PhraseSet(output);
        var full = PhraseSet(unbounded);
        Assert.True(pruned.Count > 0 && pruned.Except(full).Count() <= pruned.Count / 10, $"{pruned.Count} phrases pruned, {full.Count} full");
    }

    [Fact]
    public void GzipInput_AndSeveralFiles_ReadAsTheirConcatenation_AndAGzOutputIsCompressed()
    {
        string text = PhraseCorpora.Generate(41, 2000);
        string first = text[..(text.Length / 2)], second = text[(text.Length / 2)..];
        first = first[..(first.LastIndexOf('\n') + 1)];
        second = text[first.Length..];
        using var temp = new TempDirectory();
        string a = temp.Write("a.txt", first);
        string b = Path.Combine(temp.Path, "b.txt.gz");
        using (var gzip = new GZipStream(File.Create(b), CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(second));
        }

        PhraseOptions options = Options(npmi: false, 3, 20, threads: 2);
        PhraseDetector.Run([a, b], temp.File("out.txt.gz"), options, temp.Path, chunkBytes: 500);

        using var reader = new StreamReader(new GZipStream(File.OpenRead(temp.File("out.txt.gz")), CompressionMode.Decompress));
        Assert.Equal(ReferencePhrases.Run(text, false, 3, 20), reader.ReadToEnd());
    }

    internal static int Joins(string output) =>
        output.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Sum(token => token.Count(c => c == '_') - (token.Contains("_x") ? 1 : 0));

    internal static string[] Words(string text) => text.Split((char[])[' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);

    private static HashSet<string> PhraseSet(string output) =>
        [.. Words(output).Where(w => w.Contains('_') && !w.EndsWith("_x", StringComparison.Ordinal))];
}
