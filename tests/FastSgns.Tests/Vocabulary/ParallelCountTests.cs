using FastSgns.Corpus;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Training;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Vocabulary;

public sealed class ParallelCountTests
{
    private static string ZipfFile(TempDirectory temp, long tokens = 400_000, int vocabulary = 200_000)
    {
        string path = temp.File("zipf.txt");
        using (var stream = File.Create(path))
        {
            ZipfCorpusGenerator.Write(stream, tokens, vocabulary, seed: 3);
        }

        return path;
    }

    private static SortedDictionary<string, long> AsDictionary(Utf8WordTable table)
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < table.Count; i++)
        {
            result.Add(System.Text.Encoding.UTF8.GetString(table.GetWord(i)), table.GetCount(i));
        }

        return result;
    }

    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(3, 10_000)]
    [InlineData(4, 1 << 20)]
    public void ParallelCount_EqualsSequentialCount_Exactly(int threads, long chunkBytes)
    {
        using var temp = new TempDirectory();
        string path = ZipfFile(temp);
        using MappedFile mapped = MappedFile.Open(path);
        Utf8WordTable sequential = VocabularyCounter.Count([mapped], out long sequentialTokens);
        using CorpusFiles files = CorpusFiles.Open([path, path]);

        Utf8WordTable parallel = VocabularyCounter.CountParallel(files, threads, null, out long parallelTokens, chunkBytes: chunkBytes);

        Assert.Equal(2 * sequentialTokens, parallelTokens);
        var expected = AsDictionary(sequential);
        foreach (string word in expected.Keys.ToList())
        {
            expected[word] *= 2;
        }

        Assert.Equal(expected, AsDictionary(parallel));
        Assert.Equal(2 * new FileInfo(path).Length, files.TextBytes);
    }

    [Fact]
    public void Pruning_KeepsTablesUnderTheBound_ReportsIt_AndKeepsFrequentWordsExact()
    {
        using var temp = new TempDirectory();
        string path = ZipfFile(temp, tokens: 1_000_000);
        using CorpusFiles files = CorpusFiles.Open([path]);
        var exact = AsDictionary(VocabularyCounter.CountParallel(files, 2, null, out _));
        var pruning = new VocabularyPruning(2_000_000);

        Utf8WordTable pruned = VocabularyCounter.CountParallel(files, 2, pruning, out long tokens, chunkBytes: 100_000);

        Assert.Equal(1_000_000, tokens);
        Assert.True(pruning.Prunings > 0 && pruning.WordsDropped > 0 && pruning.Threshold >= 1, pruning.ToString());
        Assert.True(pruned.EstimatedBytes <= pruning.MaxBytes, $"{pruned.EstimatedBytes} bytes > {pruning.MaxBytes}");
        Assert.True(pruned.Count < exact.Count);
        Assert.Contains("dropped", pruning.ToString());
        var kept = AsDictionary(pruned);
        foreach (var (word, count) in exact.OrderByDescending(p => p.Value).Take(20))
        {
            Assert.Equal(count, kept[word]);
        }
    }

    [Fact]
    public void Pipeline_LogsPruning_WhenMaxVocabMemoryIsSet()
    {
        using var temp = new TempDirectory();
        string path = ZipfFile(temp, tokens: 300_000, vocabulary: 50_000);
        var log = new List<string>();
        var pipeline = new TrainingPipeline(new TrainingOptions { Dim = 8, Epochs = 1, Threads = 2, MinCount = 2, Kernel = "scalar" })
        {
            MaxVocabMemory = 500_000,
            WorkDirectory = temp.Path,
            Log = log.Add,
        };

        pipeline.TrainFiles([path]);

        Assert.Contains(log, line => line.StartsWith("count: pruned", StringComparison.Ordinal) && line.Contains("approximate"));
        Assert.Contains(log, line => line.StartsWith("encode:", StringComparison.Ordinal) && line.Contains("MB/s"));
        Assert.True(pipeline.Pruning!.Prunings > 0);
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Generator_WritesExactlyTheTokens_Deterministically_WithAZipfHead()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        long bytes = ZipfCorpusGenerator.Write(first, 200_000, 1_000_000, seed: 9);
        ZipfCorpusGenerator.Write(second, 200_000, 1_000_000, seed: 9);

        Assert.Equal(bytes, first.Length);
        Assert.True(first.ToArray().AsSpan().SequenceEqual(second.ToArray()));
        Utf8WordTable table = VocabularyCounter.Count(first.ToArray(), out long tokens);
        Assert.Equal(200_000, tokens);
        Vocab vocab = Vocab.Build(table, 1, 0);
        // P(rank 0) = ln 2 / ln(1 + V) ≈ 5.0% for V = 10^6; rank 1: ln 1.5 / ln(1 + V) ≈ 2.9%.
        Assert.InRange(vocab.GetCount(0) / (double)tokens, 0.045, 0.055);
        Assert.InRange(vocab.GetCount(1) / (double)tokens, 0.026, 0.032);
        Assert.Equal("ba", vocab[0]);
    }
}
