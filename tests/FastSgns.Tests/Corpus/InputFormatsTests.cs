using System.IO.Compression;
using System.Runtime.InteropServices;
using FastSgns.Corpus;
using FastSgns.Ids;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Corpus;

/// <summary>Several files, a directory and .gz files read as the one plain file they concatenate to.</summary>
public sealed class InputFormatsTests
{
    private static readonly byte[] s_text = SyntheticCorpus.Generate(6000).Text;

    /// <summary>Splits the text into three parts at line ends (each file ends a sentence, as the whole does).</summary>
    private static byte[][] Parts()
    {
        int first = Array.IndexOf(s_text, (byte)'\n', s_text.Length / 3) + 1;
        int second = Array.IndexOf(s_text, (byte)'\n', 2 * s_text.Length / 3) + 1;
        return [s_text[..first], s_text[first..second], s_text[second..]];
    }

    private static void WriteGzip(string path, byte[] content)
    {
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gzip.Write(content);
    }

    internal static (List<(string Word, long Count)> Counts, int[] Ids) Read(IReadOnlyList<string> inputs, int threads = 2)
    {
        using CorpusFiles files = CorpusFiles.Open(inputs);
        Utf8WordTable table = VocabularyCounter.CountParallel(files, threads, null, out _, chunkBytes: 10_000);
        Vocab vocab = Vocab.Build(table, 1, 0);
        using var ids = new MemoryStream();
        CorpusEncoder.Encode(files, vocab, ids);
        var counts = Enumerable.Range(0, vocab.Count).Select(i => (vocab[i], vocab.GetCount(i))).ToList();
        return (counts, MemoryMarshal.Cast<byte, int>(ids.ToArray()).ToArray());
    }

    [Fact]
    public void MultipleFiles_Directory_AndGzip_MatchTheConcatenatedFile()
    {
        using var temp = new TempDirectory();
        string whole = temp.File("whole.txt");
        File.WriteAllBytes(whole, s_text);
        byte[][] parts = Parts();
        string directory = Directory.CreateDirectory(temp.File("parts")).FullName;
        string[] plain = new string[3];
        for (int i = 0; i < 3; i++)
        {
            plain[i] = Path.Combine(directory, $"part{i}.txt");
            File.WriteAllBytes(plain[i], parts[i]);
        }

        string gzipped = temp.File("part1.txt.gz");
        WriteGzip(gzipped, parts[1]);
        string wholeGz = temp.File("whole.txt.gz");
        WriteGzip(wholeGz, s_text);

        var expected = Read([whole]);

        Assert.True(expected.Ids.Length > 50_000);
        foreach (string[] inputs in new[] { plain, [directory], [plain[0], gzipped, plain[2]], [wholeGz] })
        {
            var actual = Read(inputs);
            Assert.Equal(expected.Counts, actual.Counts);
            Assert.True(expected.Ids.AsSpan().SequenceEqual(actual.Ids), $"id streams differ for {string.Join(", ", inputs)}");
        }
    }

    [Theory]
    [InlineData(101)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public void StreamTokenizer_MatchesTheMappedTokenizer_ForAnyBufferSize(int buffer)
    {
        var expected = new TokenRecorder();
        Tokenizer.Tokenize(s_text, ref expected);
        expected.OnSentenceEnd();
        var actual = new TokenRecorder();

        StreamTokenizer.Tokenize(new MemoryStream(s_text), ref actual, buffer);

        Assert.Equal(expected.Items, actual.Items);
    }

    [Fact]
    public void Directory_ReadsItsFilesSortedByName()
    {
        using var temp = new TempDirectory();
        string directory = Directory.CreateDirectory(temp.File("d")).FullName;
        File.WriteAllText(Path.Combine(directory, "b.txt"), "second\n");
        File.WriteAllText(Path.Combine(directory, "a.txt"), "first\n");
        using CorpusFiles files = CorpusFiles.Open([directory]);
        var sink = new TokenRecorder();

        files.Tokenize(ref sink);

        // Each file also ends a sentence at its end; the encoder drops the empty sentences that leaves.
        Assert.Equal(["first", "</s>", "</s>", "second", "</s>", "</s>"], sink.Items);
    }

    [Fact]
    public void MissingInput_And_EmptyDirectory_FailClearly()
    {
        using var temp = new TempDirectory();
        string empty = Directory.CreateDirectory(temp.File("empty")).FullName;

        Assert.Contains("not found", Assert.Throws<FileNotFoundException>(() => CorpusFiles.Open([temp.File("nope.txt")])).Message);
        Assert.Contains("holds no files", Assert.Throws<ArgumentException>(() => CorpusFiles.Open([empty])).Message);
    }
}
