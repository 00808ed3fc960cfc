using System.Text;
using FastSgns.Tests.Support;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Reliability;

/// <summary>Broken vocabulary files (--read-vocab): errors name the file, the line and its byte offset.</summary>
public sealed class VocabularyFileBadInputTests
{
    [Theory]
    [InlineData("the 3\ncat three\n", 2, 6)]
    [InlineData("the 3\ncat\n", 2, 6)]
    [InlineData("the 3 4\n", 1, 0)]
    [InlineData("the 0\n", 1, 0)]
    [InlineData("the -1\n", 1, 0)]
    [InlineData("the +1\n", 1, 0)]
    [InlineData("the 1.5\n", 1, 0)]
    [InlineData("the 99999999999999999999\n", 1, 0)]
    [InlineData("a 9223372036854775807\nb 1\n", 2, 22)]
    [InlineData("\n\nthe x\n", 3, 2)]
    public void Read_RejectsBadLine_NamingFileLineAndByte(string content, int line, int offset)
    {
        using var temp = new TempDirectory();
        string path = temp.Write("vocab.txt", content);

        var error = Assert.Throws<InvalidDataException>(() => VocabularyFile.Read(path));

        Assert.StartsWith($"{path}:{line}: byte {offset}: ", error.Message);
    }

    [Fact]
    public void Read_HugeLineWithoutNewline_FailsWithoutReadingItWhole()
    {
        using var temp = new TempDirectory();
        string path = temp.File("vocab.txt");
        File.WriteAllBytes(path, [.. "the 3\n"u8, .. Enumerable.Repeat((byte)'a', 8 << 20)]);
        VocabularyFile.Read(temp.Write("warm.txt", "a 1\n"));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => VocabularyFile.Read(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.StartsWith($"{path}:2: byte 6: line longer than {VocabularyFile.MaxLineBytes} bytes", error.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Read_AcceptsCrlfTabsBlankLinesAndAMissingFinalNewline()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("vocab.txt", "the 3\r\n\r\ncat\t2\n\n  köt 1");

        Utf8WordTable table = VocabularyFile.Read(path);

        Assert.Equal(3, table.Count);
        Assert.Equal(2, table.GetCount(table.IndexOf("cat"u8)));
        Assert.Equal(1, table.GetCount(table.IndexOf("köt"u8)));
    }

    [Fact]
    public void Read_KeepsWordsAsBytes_AndCutsThemLikeCorpusTokens()
    {
        using var temp = new TempDirectory();
        string path = temp.File("vocab.txt");
        byte[] longWord = Encoding.UTF8.GetBytes("x" + new string('é', 100));
        File.WriteAllBytes(path, [0xFF, 0xFE, (byte)' ', (byte)'4', (byte)'\n', .. longWord, .. " 2\n"u8]);

        Utf8WordTable table = VocabularyFile.Read(path);

        Assert.Equal(4, table.GetCount(table.IndexOf([0xFF, 0xFE])));
        Assert.Equal(2, table.GetCount(table.IndexOf(longWord.AsSpan(0, 99))));
    }

    [Fact]
    public void Read_EmptyFile_GivesAnEmptyTable()
    {
        using var temp = new TempDirectory();

        Assert.Equal(0, VocabularyFile.Read(temp.Write("vocab.txt", "")).Count);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound_NamingIt()
    {
        using var temp = new TempDirectory();
        string missing = temp.File("missing.txt");

        var error = Assert.Throws<FileNotFoundException>(() => VocabularyFile.Read(missing));

        Assert.Contains(missing, error.Message);
    }
}
