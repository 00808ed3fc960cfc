using System.Text;
using FastSgns.Tests.Support;
using FastSgns.Writers;

namespace FastSgns.Tests.Reliability;

/// <summary>
/// Hostile and broken vector files: each fails with an <see cref="InvalidDataException"/> naming the file and a
/// byte offset, and never allocates much more than the file's own size, whatever its header claims.
/// </summary>
public sealed class VectorFileBadInputTests
{
    /// <summary>Generous for a few-hundred-byte file; a header trusted blindly would allocate gigabytes.</summary>
    private const long AllocationBudget = 1 << 20;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Binary(string header, params (string Word, float[] Values)[] rows)
    {
        var bytes = new List<byte>(Bytes(header));
        foreach (var (word, values) in rows)
        {
            bytes.AddRange(Bytes(word + " "));
            foreach (float v in values)
            {
                bytes.AddRange(BitConverter.GetBytes(v));
            }

            bytes.Add((byte)'\n');
        }

        return [.. bytes];
    }

    private static byte[] Garbage(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static TheoryData<string, byte[], bool?, string> Cases => new()
    {
        { "empty file", [], null, "expected a header" },
        { "header only, words missing", Bytes("2 3\n"), null, "more than the file's" },
        { "header claims 10^12 words (text)", Bytes("1000000000000 100\na 1\n"), false, "header claims 1000000000000 words" },
        { "header claims 10^12 words (binary)", Bytes("1000000000000 100\na "), true, "header claims 1000000000000 words" },
        { "header claims 10^12 words (detected)", Bytes("1000000000000 2\na 1 2\n"), null, "header claims" },
        { "one row of 100000 dims in 12 bytes", Bytes("1 100000\na 1\n"), null, "row 1" },
        { "negative dims", Bytes("2 -5\n"), null, "out of range" },
        { "zero dims", Bytes("2 0\n"), null, "out of range" },
        { "dims above the limit", Bytes("1 100001\n"), null, "out of range" },
        { "negative words", Bytes("-1 3\n"), null, "out of range" },
        { "header with three fields", Bytes("2 3 4\n"), null, "expected a header" },
        { "header not numbers", Bytes("two 2\n"), null, "expected a header" },
        { "NaN in text (detected as text)", Bytes("2 2\na nan 2\nb 3 4\n"), null, "not a finite number" },
        { "Infinity in text", Bytes("2 2\na 1 2\nb Infinity 4\n"), null, "not a finite number" },
        { "NaN in binary", Binary("1 2\n", ("a", [1f, float.NaN])), true, "value 2 is NaN" },
        { "infinity in binary", Binary("1 2\n", ("a", [float.PositiveInfinity, 1f])), true, "value 1 is " },
        { "short row", Bytes("2 3\na 1 2 3\nb 1 2\n"), false, "has 2 values, expected 3" },
        { "long row", Bytes("2 3\na 1 2 3\nb 1 2 3 4\n"), false, "more than 3 values" },
        { "row count below header", Bytes("3 2\na 1 2\nb 3 4\n"), false, "row 3" },
        { "text truncated mid-row", Bytes("2 3\na 1 2 3\nb 1."), false, "expected 3" },
        { "binary truncated mid-row", Binary("2 4\n", ("a", [1, 2, 3, 4]), ("b", [1, 2, 3, 4]))[..^9], true, "truncated" },
        { "binary word without a space", Bytes("1 2\n" + new string('w', 5000)), true, "no word followed by a space" },
        { "binary garbage", Garbage(4096, 1), null, "expected a header" },
        { "valid header, binary garbage body", [.. Bytes("3 4\n"), .. Garbage(80, 2)], null, "row" },
        { "text rows of 3 under a header of 2 dims (was read as binary garbage)", Bytes("2 2\na 0.190132 0.2 0.3\nb 1 2 3\n"), null, "row 1 (\"a\") has more than 2 values, but the header says 2 dims" },
        { "text rows of 2 under a header of 3 dims", Bytes("2 3\na 0.1 0.2\nb 1 2\n"), null, "row 1 (\"a\") has 2 values, but the header says 3 dims" },
        { "text rows of 300 under a header of 2 dims", Bytes("1 2\na " + string.Join(' ', Enumerable.Repeat("0.5", 300)) + "\n"), null, "header says 2 dims" },
        { "bad value in row 1 (was \"the file ends before row 3\")", Bytes("3 3\na 0.1 x 0.3\nb 1 2 3\nc 1 2 3\n"), null, "row 1 (\"a\") value 2 \"x\" is not a finite number" },
        { "more text rows than the header's count", Bytes("1 2\na 1 2\nb 3 4\n"), null, "goes on after row 1" },
        { "more binary rows than the header's count", Binary("1 2\n", ("a", [1f, 2f]), ("b", [3f, 4f])), true, "goes on after row 1" },
        { "binary rows of 3 under a header of 2 dims", Binary("2 2\n", ("a", [1f, 2f, 3f]), ("b", [3f, 4f, 5f])), true, "row" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_RejectsBadFile_NamingFileAndOffset_WithoutLargeAllocation(string name, byte[] content, bool? binary, string expected)
    {
        using var temp = new TempDirectory();
        string path = temp.File("bad.vec");
        File.WriteAllBytes(path, content);
        Word2VecReader.Load(temp.Write("warm.vec", "1 1\nw 1\n"));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => Word2VecReader.Load(path, binary));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(error.Message.StartsWith($"{path}: byte ", StringComparison.Ordinal), $"{name}: {error.Message}");
        Assert.Contains(expected, error.Message);
        Assert.True(allocated < AllocationBudget, $"{name}: allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound_NamingIt()
    {
        using var temp = new TempDirectory();
        string missing = temp.File("missing.vec");

        var error = Assert.Throws<FileNotFoundException>(() => Word2VecReader.Load(missing));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Load_GarbageThatParsesAsAHeader_StillFailsCleanly()
    {
        using var temp = new TempDirectory();
        for (int seed = 0; seed < 200; seed++)
        {
            string path = temp.File($"g{seed}.vec");
            File.WriteAllBytes(path, [.. Bytes($"{seed % 7 + 1} {seed % 5 + 1}\n"), .. Garbage(seed, seed)]);
            try
            {
                Word2VecReader.Load(path);
            }
            catch (InvalidDataException e)
            {
                Assert.StartsWith(path, e.Message);
            }
        }
    }

    [Fact]
    public void RepeatedWords_AreKept_FirstFound_AndReportedOnce()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("repeats.vec", "4 2\na 1 2\nb 3 4\na 5 6\nb 7 8\n");
        var warnings = new List<string>();

        using var vectors = Word2VecReader.Load(path, warn: warnings.Add);

        Assert.Equal(4, vectors.Count);
        Assert.Equal(0, vectors.IndexOf("a"));
        Assert.Equal(1, vectors.IndexOf("b"));
        string warning = Assert.Single(warnings);
        Assert.Equal($"{path}: warning: 2 word(s) appear more than once (row 3, \"a\", repeats row 1); lookups find the first.", warning);
    }

    [Fact]
    public void Cli_Export_TextVectorsUnderAWrongHeader_Exits2_WritingNothing()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("wrong-dims.vec", "2 2\nthe 0.190132 -0.5 0.25\nof 0.1 0.2 0.3\n");
        string output = temp.File("projector");

        var result = CliRunner.Run("export", "--vectors", path, "--format", "projector", "--output", output);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains($"{path}: byte 4: row 1 (\"the\") has more than 2 values, but the header says 2 dims", result.StdErr);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }

    [Theory]
    [InlineData(0x3F80000A)] // first byte a newline: nothing printable before it
    [InlineData(0x3F800A31)] // "1" then a newline: one number before it
    [InlineData(0x3F0A3231)] // "12" then a newline
    public void BinaryRowsWhoseFloatsHoldANewlineByte_AreStillDetectedAsBinary(int bits)
    {
        using var temp = new TempDirectory();
        string path = temp.File("tricky.bin");
        float value = BitConverter.Int32BitsToSingle(bits);
        File.WriteAllBytes(path, Binary("2 3\n", ("a", [value, 2f, 3f]), ("b", [4f, 5f, 6f])));

        using var vectors = Word2VecReader.Load(path);

        Assert.Equal(["a", "b"], vectors.Words);
        Assert.Equal([value, 2f, 3f], vectors.Vectors.Row(0).ToArray());
        Assert.Equal([4f, 5f, 6f], vectors.Vectors.Row(1).ToArray());
    }
}
