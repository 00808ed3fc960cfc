using System.IO.Compression;
using System.Text;
using FastSgns.Corpus;
using FastSgns.Ids;
using FastSgns.Tests.Support;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Ids;

/// <summary>The parallel encoder must write byte for byte the id file of the sequential one, however the text is cut.</summary>
public sealed class ParallelEncodingTests
{
    public static TheoryData<int, int, long> Cuts() => new()
    {
        // seed, threads, chunk bytes: chunks of a few bytes put edges inside every kind of run (blank lines,
        // unknown words, NULs), 1 thread checks the edge logic without concurrency, 3 threads with it.
        { 1, 1, 5 },
        { 2, 2, 7 },
        { 3, 3, 13 },
        { 4, 2, 64 },
        { 5, 3, 1000 },
        { 6, 4, 1 << 20 },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void ParallelEncode_EqualsSequentialEncode_ForAnyChunking(int seed, int threads, long chunkBytes)
    {
        using var temp = new TempDirectory();
        var random = new Random(seed);
        string[] paths = [.. Enumerable.Range(0, 5).Select(i => WriteRandomFile(temp, $"part{i}.txt", random, gzip: false))];
        AssertSameIds(paths, threads, chunkBytes);
    }

    [Fact]
    public void ParallelEncode_EqualsSequentialEncode_WithGzipFilesBetweenMappedOnes()
    {
        using var temp = new TempDirectory();
        var random = new Random(7);
        string[] paths =
        [
            WriteRandomFile(temp, "a.txt", random, gzip: false),
            WriteRandomFile(temp, "b.txt.gz", random, gzip: true),
            WriteRandomFile(temp, "c.txt", random, gzip: false),
            WriteRandomFile(temp, "d.txt", random, gzip: false),
            WriteRandomFile(temp, "e.txt.gz", random, gzip: true),
        ];
        AssertSameIds(paths, threads: 2, chunkBytes: 11);
    }

    [Fact]
    public void ParallelEncode_EqualsSequentialEncode_ForEmptyFilesAndFilesWithoutFinalNewline()
    {
        using var temp = new TempDirectory();
        string[] paths =
        [
            temp.Write("1.txt", ""),
            temp.Write("2.txt", "w1 w2 w3"),
            temp.Write("3.txt", "\n\n"),
            temp.Write("4.txt", "w2 rare\nw3"),
            temp.Write("5.txt", ""),
            temp.Write("6.txt", "rare rare2\n w1"),
        ];
        AssertSameIds(paths, threads: 3, chunkBytes: 3);
    }

    [Fact]
    public void ParallelEncode_StopsWithCancellation()
    {
        using var temp = new TempDirectory();
        string path = WriteRandomFile(temp, "big.txt", new Random(3), gzip: false);
        using CorpusFiles files = CorpusFiles.Open([path]);
        Vocab vocabulary = Vocab.Build(VocabularyCounter.CountParallel(files, 1, null, out _), 2, 0);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            ParallelCorpusEncoder.Encode(files, vocabulary, new MemoryStream(), 2, cancelled.Token, chunkBytes: 16));
    }

    private static void AssertSameIds(string[] paths, int threads, long chunkBytes)
    {
        using CorpusFiles files = CorpusFiles.Open(paths);
        Vocab vocabulary = Vocab.Build(VocabularyCounter.CountParallel(files, 1, null, out _), 2, 0);
        using var sequential = new MemoryStream();
        long sequentialWords = CorpusEncoder.Encode(files, vocabulary, sequential);
        long sequentialText = files.TextBytes;
        using var parallel = new MemoryStream();

        long parallelWords = ParallelCorpusEncoder.Encode(files, vocabulary, parallel, threads, chunkBytes: chunkBytes);

        Assert.True(sequentialWords > 0);
        Assert.Equal(sequentialWords, parallelWords);
        Assert.Equal(sequentialText, files.TextBytes);
        Assert.Equal(sequential.ToArray(), parallel.ToArray());
    }

    /// <summary>Words of a small vocabulary (frequent ones and rare ones that fall under min-count), separated by spaces, tabs, NULs and runs of newlines (CountingEncoderTests writes its files with it too).</summary>
    internal static string WriteRandomFile(TempDirectory temp, string name, Random random, bool gzip)
    {
        string[] separators = [" ", " ", " ", "\n", "\n\n\n", "\t", "\0\0", " \n "];
        var text = new StringBuilder();
        int words = random.Next(0, 400);
        for (int i = 0; i < words; i++)
        {
            text.Append(random.Next(10) == 0 ? $"rare{random.Next(100000)}" : $"w{random.Next(12)}");
            text.Append(separators[random.Next(separators.Length)]);
        }

        if (random.Next(2) == 0 && text.Length > 0)
        {
            text.Length--;   // no final separator: the file ends inside a sentence
        }

        string path = temp.File(name);
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (gzip)
        {
            using var file = File.Create(path);
            using var compressor = new GZipStream(file, CompressionLevel.Fastest);
            compressor.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }

        return path;
    }
}
