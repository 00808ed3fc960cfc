using System.Text;
using FastSgns.Tests.Support;
using static FastSgns.Tests.Reliability.InputCliSupport;
using static FastSgns.Tests.Reliability.ReliabilitySupport;

namespace FastSgns.Tests.Reliability;

/// <summary>
/// What an input holds decides how it is read, whatever its name: gzip checked to its trailers, a UTF-8 byte-order
/// mark skipped, UTF-16/32 and binary formats refused, text with stray invalid bytes trained with a warning.
/// </summary>
public sealed class InputContentCliTests
{
    [Fact]
    public void MultiMemberGzip_TrainsAsThePlainFile()
    {
        using var temp = new TempDirectory();
        byte[] expected = Reference(temp, out string corpus);
        byte[] text = File.ReadAllBytes(corpus);
        int cut = Array.IndexOf(text, (byte)' ', text.Length / 2) + 1;
        string gz = temp.File("two-members.gz");
        File.WriteAllBytes(gz, [.. Gzip(text[..cut]), .. Gzip(text[cut..])]);

        var result = Train(temp, gz);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(expected, File.ReadAllBytes(temp.File("model.txt")));
    }

    [Theory]
    [InlineData("half", 2)]
    [InlineData("its 8-byte trailer", 0)]
    public void TruncatedGzip_FailsWithExit2_NamingTheFile(string cut, int divisor)
    {
        using var temp = new TempDirectory();
        byte[] compressed = Gzip(File.ReadAllBytes(SyntheticFile(temp, 500)));
        string gz = temp.File("cut.gz");
        File.WriteAllBytes(gz, divisor > 0 ? compressed[..(compressed.Length / divisor)] : compressed[..^8]);

        AssertBadInput(Train(temp, gz), temp, gz, "truncated");
        Assert.NotEmpty(cut);
    }

    [Fact]
    public void CorruptGzip_FailsWithExit2_NamingTheFileAndByte()
    {
        using var temp = new TempDirectory();
        byte[] compressed = Gzip(File.ReadAllBytes(SyntheticFile(temp, 500)));
        for (int i = compressed.Length / 2; i < compressed.Length / 2 + 40; i++)
        {
            compressed[i] ^= 0x5A;
        }

        string gz = temp.File("corrupt.gz");
        File.WriteAllBytes(gz, compressed);

        AssertBadInput(Train(temp, gz), temp, $"{gz}: byte ");
    }

    [Fact]
    public void PlainTextNamedGz_FailsWithExit2_NamingTheFile()
    {
        using var temp = new TempDirectory();
        string gz = temp.Write("text.gz", "these are plain words\n");

        AssertBadInput(Train(temp, gz), temp, gz, "not gzip data");
    }

    [Fact]
    public void GzipNamedTxt_IsDecompressed_ByItsContent()
    {
        using var temp = new TempDirectory();
        byte[] expected = Reference(temp, out string corpus);
        string txt = temp.File("really-gzip.txt");
        File.WriteAllBytes(txt, Gzip(File.ReadAllBytes(corpus)));

        var result = Train(temp, txt);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(expected, File.ReadAllBytes(temp.File("model.txt")));
    }

    [Fact]
    public void Utf8ByteOrderMark_IsSkipped()
    {
        using var temp = new TempDirectory();
        byte[] expected = Reference(temp, out string corpus);
        string withBom = temp.File("bom.txt");
        File.WriteAllBytes(withBom, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(corpus)]);

        var result = Train(temp, withBom);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(expected, File.ReadAllBytes(temp.File("model.txt")));
    }

    public static TheoryData<string, byte[], string> NotText => new()
    {
        { "UTF-16 LE with a mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("the cat sat on the mat\n")], "UTF-16" },
        { "UTF-16 BE with a mark", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("the cat sat\n")], "UTF-16" },
        { "UTF-32 with a mark", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes("the cat sat\n")], "UTF-32" },
        { "UTF-16 without a mark", Encoding.Unicode.GetBytes(string.Concat(Enumerable.Repeat("the cat sat on the mat\n", 100))), "NUL" },
        { "zip", [0x50, 0x4B, 0x03, 0x04, .. new byte[100]], "zip archive" },
        { "xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, .. new byte[100]], "xz" },
        { "zstd", [0x28, 0xB5, 0x2F, 0xFD, .. new byte[100]], "zstd" },
        { "bzip2", [.. "BZh9"u8.ToArray(), 0x31, 0x41, 0x59, 0x26, 0x53, 0x59, .. new byte[100]], "bzip2" },
        { "ELF", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, .. new byte[100]], "ELF" },
        { "PDF", [.. "%PDF-1.7\n"u8.ToArray()], "PDF" },
        { "random bytes", RandomBytes(20_000), "not UTF-8 text" },
    };

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(3).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [MemberData(nameof(NotText))]
    public void NotText_IsRefused_WithExit2_NamingTheFileAndWhatItIs(string what, byte[] content, string expected)
    {
        using var temp = new TempDirectory();
        string input = temp.File("input.txt");
        File.WriteAllBytes(input, content);

        AssertBadInput(Train(temp, input), temp, input, expected);
        Assert.NotEmpty(what);
    }

    [Fact]
    public void GzipOfUtf16_IsRefused_LikeThePlainFile()
    {
        using var temp = new TempDirectory();
        string input = temp.File("utf16.gz");
        File.WriteAllBytes(input, Gzip([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("the cat sat\n")]));

        AssertBadInput(Train(temp, input), temp, input, "UTF-16");
    }

    [Fact]
    public void Latin1Text_Trains_WithAWarningNamingTheFile()
    {
        using var temp = new TempDirectory();
        string input = temp.File("latin1.txt");
        File.WriteAllBytes(input, Encoding.Latin1.GetBytes(string.Concat(Enumerable.Repeat("über straße café naïve ok words here\n", 200))));

        var result = CliRunner.Run(["train", "--input", input, "--output", temp.File("model.txt"), "--threads", "1", "--epochs", "1", "--dim", "8", "--min-count", "1"]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains($"{input}: warning: ", result.StdErr);
        Assert.Contains("invalid UTF-8", result.StdErr);
    }
}
