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

    private static List<string> Tokens(CorpusFiles files, long start, long end)
    {
        var sink = new TokenRecorder();
        files.Tokenize(0, start, end, ref sink);
        return sink.Items;
    }

    [Fact]
    public void SparseFile_Past4Gb_TokenizesAtFarOffsets()
    {
        using var temp = new TempDirectory();
        using CorpusFiles files = CorpusFiles.Open([SparseFile(temp)]);

        Assert.Equal(FileLength, files.Bytes);
        Assert.Equal(["straddling", "the", "boundary", "</s>"], Tokens(files, FourGb - 40_000, FourGb + 40_000));
        Assert.Equal(["straddling", "the", "boundary", "</s>"], Tokens(files, FourGb - 5, FourGb + 100));
        Assert.Equal(["omega", "last", "</s>"], Tokens(files, FileLength - 50_000, FileLength));
        Assert.Equal(["first", "words", "</s>"], Tokens(files, 0, 50_000));
    }

    [Fact]
    public void SparseFile_SplitsStayOnWhitespacePast4Gb()
    {
        using var temp = new TempDirectory();
        string path = SparseFile(temp);
        using CorpusFiles files = CorpusFiles.Open([path]);

        long[] bounds = files.SplitAtWhitespace(0, 5);
        Assert.Equal(0, bounds[0]);
        Assert.Equal(FileLength, bounds[5]);
        using var handle = File.OpenHandle(path);
        byte[] before = new byte[1];
        for (int p = 1; p < 5; p++)
        {
            Assert.True(bounds[p] > FileLength * p / 5 - 1 && bounds[p] < FileLength * p / 5 + 64, $"bound {p} at {bounds[p]}");
            RandomAccess.Read(handle, before, bounds[p] - 1);
            Assert.True(Tokenizer.IsWhitespace(before[0]));
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
