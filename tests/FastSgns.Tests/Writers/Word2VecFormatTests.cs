using System.Text;
using FastSgns.Embeddings;
using FastSgns.IO;
using FastSgns.Tests.Support;
using FastSgns.Writers;

namespace FastSgns.Tests.Writers;

public sealed class Word2VecFormatTests
{
    private static WordEmbeddings Sample() => WordEmbeddings.FromRowMajor(
        ["the", "naïve", "</s>"],
        [0.5f, -0.25f, 1e-7f, 123.456789f, -3f, 0f, 1f, 2f, 3f],
        3);

    [Fact]
    public void Text_IsWrittenExactlyAsWord2VecC()
    {
        using var stream = new MemoryStream();
        Word2VecWriter.Write(Sample(), stream, binary: false);

        // word2vec.c: fprintf("%lld %lld\n"), then per word "%s " and per value "%lf ", then "\n".
        Assert.Equal(
            "3 3\nthe 0.500000 -0.250000 0.000000 \nnaïve 123.456787 -3.000000 0.000000 \n</s> 1.000000 2.000000 3.000000 \n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Binary_IsWrittenExactlyAsWord2VecC()
    {
        using var stream = new MemoryStream();
        Word2VecWriter.Write(Sample(), stream, binary: true);

        var expected = new List<byte>(Encoding.ASCII.GetBytes("3 3\n"));
        WordEmbeddings sample = Sample();
        for (int i = 0; i < sample.Count; i++)
        {
            expected.AddRange(Encoding.UTF8.GetBytes(sample.Word(i) + " "));
            foreach (float v in sample.Vectors.Row(i))
            {
                expected.AddRange(BitConverter.GetBytes(v));
            }

            expected.Add((byte)'\n');
        }

        Assert.Equal(expected.ToArray(), stream.ToArray());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void ManyBlocksOfRows_AreWrittenInOrder_AsRowByRowFormatting(bool binary, bool subset)
    {
        // Thousands of rows are formatted in blocks on several threads; the file must be the rows in the order asked.
        var random = new Random(5);
        string[] words = [.. Enumerable.Range(0, 5000).Select(i => i % 7 == 0 ? $"wörd{i}" : $"w{i}")];
        float[] data = [.. Enumerable.Range(0, 5000 * 9).Select(_ => (float)(random.NextDouble() * 6 - 3))];
        var vectors = WordEmbeddings.FromRowMajor(words, data, 9);
        int[]? rows = subset ? [.. Enumerable.Range(0, 3001).Select(i => (i * 7919) % 5000)] : null;
        using var stream = new MemoryStream();

        Word2VecWriter.Write(vectors, stream, binary, rows);

        var expected = new List<byte>(Encoding.ASCII.GetBytes($"{rows?.Length ?? 5000} 9\n"));
        foreach (int i in rows ?? Enumerable.Range(0, 5000))
        {
            expected.AddRange(Encoding.UTF8.GetBytes(vectors.Word(i) + " "));
            foreach (float v in vectors.Vectors.Row(i))
            {
                expected.AddRange(binary ? BitConverter.GetBytes(v) : Encoding.ASCII.GetBytes(((double)v).ToString("F6", System.Globalization.CultureInfo.InvariantCulture) + " "));
            }

            expected.Add((byte)'\n');
        }

        Assert.Equal(expected.ToArray(), stream.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SaveThenLoad_RoundTrips_WithFormatDetection(bool binary)
    {
        using var temp = new TempDirectory();
        var random = new Random(3);
        string[] words = [.. Enumerable.Range(0, 300).Select(i => $"w{i}")];
        float[] data = [.. Enumerable.Range(0, 300 * 17).Select(_ => (float)(random.NextDouble() * 4 - 2))];
        var vectors = WordEmbeddings.FromRowMajor(words, data, 17);
        string path = temp.File(binary ? "v.bin" : "v.txt");

        Word2VecWriter.Save(vectors, path, binary);
        WordEmbeddings loaded = Word2VecReader.Load(path);

        Assert.Equal(words, loaded.Words);
        Assert.Equal(17, loaded.Dim);
        float[] values = loaded.Vectors.Values();
        for (int i = 0; i < data.Length; i++)
        {
            Assert.Equal(data[i], values[i], binary ? 0f : 6e-7f);
        }

        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void Reader_AcceptsGensimVariants_WithoutTrailingSpaceOrNewline()
    {
        using var temp = new TempDirectory();
        string text = temp.Write("gensim.txt", "2 2\nking 0.1 0.2\nqueen -0.3 0.4\n");
        var binary = new List<byte>(Encoding.ASCII.GetBytes("2 2\n"));
        binary.AddRange(Encoding.ASCII.GetBytes("king "));
        binary.AddRange(BitConverter.GetBytes(0.1f));
        binary.AddRange(BitConverter.GetBytes(0.2f));
        binary.AddRange(Encoding.ASCII.GetBytes("queen "));
        binary.AddRange(BitConverter.GetBytes(-0.3f));
        binary.AddRange(BitConverter.GetBytes(0.4f));
        string binaryPath = temp.File("gensim.bin");
        File.WriteAllBytes(binaryPath, [.. binary]);

        foreach (string path in new[] { text, binaryPath })
        {
            WordEmbeddings loaded = Word2VecReader.Load(path);
            Assert.Equal(["king", "queen"], loaded.Words);
            Assert.Equal([0.1f, 0.2f, -0.3f, 0.4f], loaded.Vectors.Values());
        }
    }

    [Theory]
    [InlineData("3 2\na 1 2\nb 3 4\n", "row 3")]
    [InlineData("1000000000000 100\na 1\n", "header claims")]
    [InlineData("2 -5\n", "out of range")]
    [InlineData("two 2\n", "expected a header")]
    [InlineData("2 2\na 1 2\nb 3 nan\n", "not a finite number")]
    [InlineData("2 2\na 1 2\nb 3\n", "has 1 values, expected 2")]
    [InlineData("2 2\na 1 2\nb 3 4 5\n", "more than 2 values")]
    public void Reader_RejectsBadFiles_NamingFileAndPosition(string content, string expected)
    {
        using var temp = new TempDirectory();
        string path = temp.Write("bad.txt", content);

        var error = Assert.Throws<InvalidDataException>(() => Word2VecReader.Load(path, binary: false));

        Assert.Contains(path, error.Message);
        Assert.Contains("byte ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Reader_RejectsTruncatedBinary()
    {
        using var temp = new TempDirectory();
        var bytes = new List<byte>(Encoding.ASCII.GetBytes("2 4\nfirst "));
        bytes.AddRange(new byte[16]);
        bytes.AddRange(Encoding.ASCII.GetBytes("\nsecond "));
        bytes.AddRange(new byte[7]);
        string path = temp.File("truncated.bin");
        File.WriteAllBytes(path, [.. bytes]);

        var error = Assert.Throws<InvalidDataException>(() => Word2VecReader.Load(path, binary: true));

        Assert.Contains("truncated", error.Message);
        Assert.Contains("second", error.Message);
    }

    [Fact]
    public void AtomicSave_LeavesThePreviousFile_WhenWritingFails()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("model.txt", "previous");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("partial"u8);
            throw new IOException("disk full");
        }));

        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }
}
