using System.Text;
using FastSgns.Corpus;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Corpus;

/// <summary>
/// Offsets past 4 GB, on a real sparse file of 5 GB whose holes read as NUL bytes (whitespace to the tokenizer).
/// Only the far regions are touched: a full scan would stream 5 GB of page cache for no extra coverage, and the
/// window arithmetic is exercised with windows of a few KB (the window size is a parameter for that reason).
/// </summary>
public sealed class LargeFileTests
{
    private const long FourGb = 1L << 32;
    private const long FileLength = 5L << 30;

    private static string SparseFile(TempDirectory temp)
    {
        var drive = new DriveInfo(temp.Path);
        if (drive.AvailableFreeSpace < 1L << 30)
        {
            Assert.Skip($"{temp.Path} has less than 1 GB free; skipping the sparse 5 GB file test.");
        }

        string path = temp.File("sparse.txt");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            stream.SetLength(FileLength);
            Write(stream, 100, "first words\n");
            Write(stream, FourGb - 5, "straddling the boundary\n");
            Write(stream, FileLength - 12, "omega last\n");
        }

        if (new FileInfo(path).Length != FileLength)
        {
            Assert.Skip("the file system did not create a 5 GB sparse file; skipping.");
        }

        return path;
    }

    private static void Write(FileStream stream, long offset, string text)
    {
        stream.Position = offset;
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    private static List<string> Tokens(MappedFile file, long start, long end, int window)
    {
        var sink = new TokenRecorder();
        Tokenizer.Tokenize(file, start, end, ref sink, window);
        return sink.Items;
    }

    [Fact]
    public void SparseFile_Past4Gb_TokenizesAtFarOffsets_WithSmallWindows()
    {
        using var temp = new TempDirectory();
        using MappedFile file = MappedFile.Open(SparseFile(temp));

        Assert.Equal(FileLength, file.Length);
        Assert.Equal(["straddling", "the", "boundary", "</s>"], Tokens(file, FourGb - 40_000, FourGb + 40_000, 4096));
        Assert.Equal(["straddling", "the", "boundary", "</s>"], Tokens(file, FourGb - 5, FourGb + 100, 7));
        Assert.Equal(["omega", "last", "</s>"], Tokens(file, FileLength - 50_000, FileLength, 1000));
        Assert.Equal(["first", "words", "</s>"], Tokens(file, 0, 50_000, 8));
    }

    [Fact]
    public void SparseFile_WindowLengthsAndSplits_StayOnWhitespacePast4Gb()
    {
        using var temp = new TempDirectory();
        using MappedFile file = MappedFile.Open(SparseFile(temp));

        // A window that would end inside "straddling" (which starts at 4 GB − 5) is extended to just past it.
        long offset = FourGb - 20;
        int length = Tokenizer.NextWindowLength(file, offset, file.Length, 16);
        Assert.Equal(" ", Encoding.UTF8.GetString(file.Window(offset + length - 1, 1)));
        Assert.Equal("straddling ", Encoding.UTF8.GetString(file.Window(FourGb - 5, 11)));
        Assert.Equal(FourGb - 5 + 11, offset + length);

        long[] bounds = Tokenizer.SplitAtWhitespace(file, 5);
        Assert.Equal(0, bounds[0]);
        Assert.Equal(FileLength, bounds[5]);
        for (int p = 1; p < 5; p++)
        {
            Assert.True(bounds[p] > FileLength * p / 5 - 1 && bounds[p] < FileLength * p / 5 + 64, $"bound {p} at {bounds[p]}");
            Assert.True(Tokenizer.IsWhitespace(file.Window(bounds[p] - 1, 1)[0]));
        }
    }

    [Fact]
    public void Release_DropsPagesBehindTheReader_OnLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("madvise is only wired on Linux and macOS; checked on Linux.");
        }

        using var temp = new TempDirectory();
        string path = temp.File("text.txt");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("word ", 100_000))));
        using MappedFile file = MappedFile.Open(path);

        long released = file.Release(0, 300_000);

        Assert.Equal(0, released % Environment.SystemPageSize);
        Assert.True(released > 300_000 - Environment.SystemPageSize, $"released only up to {released}");
        Assert.Equal("word ", Encoding.UTF8.GetString(file.Window(0, 5)));
    }

    [Fact]
    public void Nul_IsWhitespace_AndLongRunsAreSkipped()
    {
        byte[] text = new byte[3_000_000];
        Encoding.UTF8.GetBytes("a\0b").CopyTo(text, 0);
        Encoding.UTF8.GetBytes("c\nd").CopyTo(text, text.Length - 3);
        var sink = new TokenRecorder();

        long tokens = Tokenizer.Tokenize(text, ref sink);

        Assert.Equal(4, tokens);
        Assert.Equal(["a", "b", "c", "</s>", "d"], sink.Items);
    }
}
