using System.Text;
using FastSgns.Corpus;
using FastSgns.Ids;
using FastSgns.Tests.Support;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Ids;

/// <summary>
/// Counting that writes its indices, then renumbering them in place, must give the counts of the parallel counter and
/// byte for byte the id file of the sequential encoder, however the text is cut and however many threads count.
/// </summary>
public sealed class CountingEncoderTests
{
    public static TheoryData<int, int, long, int, int> Cuts() => new()
    {
        // seed, threads, chunk bytes, max-vocab, entries per renumbered block: chunks and blocks of a few bytes or
        // entries put edges inside every kind of run (blank lines, unknown words, NULs); 1 thread checks the edges
        // alone, 2 to 4 with tables merged and blocks renumbered concurrently.
        { 1, 1, 5, 0, 1 },
        { 2, 2, 7, 0, 2 },
        { 3, 3, 13, 0, 3 },
        { 4, 2, 64, 5, 5 },
        { 5, 3, 1000, 0, 1 << 18 },
        { 6, 4, 1 << 20, 0, 17 },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void CountThenRenumber_EqualsCountThenEncode(int seed, int threads, long chunkBytes, int maxVocab, int blockEntries)
    {
        using var temp = new TempDirectory();
        var random = new Random(seed);
        string[] paths = [.. Enumerable.Range(0, 5).Select(i => ParallelEncodingTests.WriteRandomFile(temp, $"part{i}.txt", random, gzip: false))];
        AssertSameAsTwoPasses(temp, paths, threads, chunkBytes, maxVocab, blockEntries);
    }

    [Fact]
    public void CountThenRenumber_EqualsCountThenEncode_ForEmptyFilesAndFilesWithoutFinalNewline()
    {
        using var temp = new TempDirectory();
        string[] paths =
        [
            temp.Write("1.txt", ""),
            temp.Write("2.txt", "w1 w2 w3"),
            temp.Write("3.txt", "\n\n"),
            temp.Write("4.txt", "w2 rare\nw3 w1"),
            temp.Write("5.txt", ""),
            temp.Write("6.txt", "rare rare2\n w1 w2\nw3"),
        ];
        AssertSameAsTwoPasses(temp, paths, threads: 3, chunkBytes: 3, maxVocab: 0, blockEntries: 1);
    }

    [Fact]
    public void Handles_PlainFilesOnly()
    {
        using var temp = new TempDirectory();
        string plain = temp.Write("a.txt", "w1 w2\n");
        string gzip = temp.File("b.txt.gz");
        using (var file = File.Create(gzip))
        using (var compressor = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            compressor.Write("w1\n"u8);
        }

        using CorpusFiles plainOnly = CorpusFiles.Open([plain]);
        using CorpusFiles mixed = CorpusFiles.Open([plain, gzip]);

        Assert.True(CountingEncoder.Handles(plainOnly));
        Assert.False(CountingEncoder.Handles(mixed));
    }

    private static void AssertSameAsTwoPasses(TempDirectory temp, string[] paths, int threads, long chunkBytes, int maxVocab, int blockEntries)
    {
        using CorpusFiles files = CorpusFiles.Open(paths);
        Utf8WordTable expectedCounts = VocabularyCounter.CountParallel(files, 1, null, out long expectedTokens);
        long expectedText = files.TextBytes;
        Vocab expected = Vocab.Build(expectedCounts, 2, maxVocab);
        using var encoded = new MemoryStream();
        long expectedWords = CorpusEncoder.Encode(files, expected, encoded);
        string idPath = temp.File("ids");

        CountingEncoder counted;
        using (var output = new FileStream(idPath, FileMode.CreateNew, FileAccess.Write))
        {
            counted = CountingEncoder.Count(files, threads, output, chunkBytes: chunkBytes);
        }

        Utf8WordTable counts = counted.TakeCounts();
        Vocab vocabulary = Vocab.BuildIndexed(counts, 2, maxVocab, out int[] idOfEntry);
        long words;
        using (var file = new FileStream(idPath, FileMode.Open, FileAccess.ReadWrite))
        {
            words = counted.Renumber(file.SafeFileHandle, idOfEntry, threads, blockEntries: blockEntries);
        }

        Assert.True(expectedWords > 0);
        Assert.Equal(expectedTokens, counted.Tokens);
        Assert.Equal(expectedText, files.TextBytes);
        Assert.Equal(AsDictionary(expectedCounts), AsDictionary(counts));
        Assert.Equal(expected.Words, vocabulary.Words);
        Assert.Equal(expectedWords, words);
        Assert.Equal(encoded.ToArray(), File.ReadAllBytes(idPath));
    }

    private static Dictionary<string, long> AsDictionary(Utf8WordTable table) =>
        Enumerable.Range(0, table.Count).ToDictionary(i => Encoding.UTF8.GetString(table.GetWord(i)), table.GetCount);
}
