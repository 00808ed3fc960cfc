using System.Text;
using FastSgns.Tests.Support;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Vocabulary;

public sealed class VocabularyTests
{
    private static Vocab Build(string text, long minCount = 1, int maxVocab = 0) =>
        Vocab.Build(VocabularyCounter.Count(Encoding.UTF8.GetBytes(text), out _), minCount, maxVocab);

    [Fact]
    public void Build_SortsByDescendingCount_TiesByBytes()
    {
        Vocab vocab = Build("b a c a b a\nd c b");

        Assert.Equal(["a", "b", "c", "d"], vocab.Words);
        Assert.Equal([3L, 3L, 2L, 1L], vocab.Counts.ToArray());
        Assert.Equal(9, vocab.TotalCount);
    }

    [Fact]
    public void Build_AppliesMinCountThenMaxVocab()
    {
        Vocab vocab = Build("x x x y y y y z z w", minCount: 2, maxVocab: 2);

        Assert.Equal(["y", "x"], vocab.Words);
        Assert.Equal(-1, vocab.IndexOf("z"));
        Assert.Equal(-1, vocab.IndexOf("w"));
    }

    [Fact]
    public void Counter_SplitsOnAsciiWhitespace_AndKeepsUtf8Words()
    {
        Vocab vocab = Build("naïve\tcafé\r\nnaïve  \v\f日本");

        Assert.Equal(2, vocab.GetCount(vocab.IndexOf("naïve")));
        Assert.Equal(1, vocab.GetCount(vocab.IndexOf("café")));
        Assert.Equal(1, vocab.GetCount(vocab.IndexOf("日本")));
        Assert.Equal(3, vocab.Count);
    }

    [Fact]
    public void Counter_TruncatesLongTokens_AtACharacterBoundary()
    {
        string longWord = new string('a', 99) + "é" + new string('b', 50);
        Vocab vocab = Build(longWord);

        string kept = Assert.Single(vocab.Words);
        Assert.Equal(new string('a', 99), kept);
    }

    [Fact]
    public void WordTable_GrowsPastItsInitialCapacity()
    {
        var table = new Utf8WordTable(4);
        for (int i = 0; i < 10_000; i++)
        {
            table.Add(Encoding.UTF8.GetBytes($"w{i % 5000}"));
        }

        Assert.Equal(5000, table.Count);
        Assert.Equal(2, table.GetCount(table.IndexOf("w4999"u8)));
        Assert.Equal(-1, table.IndexOf("w5000"u8));
    }

    [Fact]
    public void VocabularyFile_RoundTrips()
    {
        using var temp = new TempDirectory();
        Vocab vocab = Build("the cat sat on the mat the end\nnaïve naïve");
        string path = temp.File("vocab.txt");

        VocabularyFile.Save(vocab, path);
        Vocab reread = Vocab.Build(VocabularyFile.Read(path), 1, 0);

        Assert.Equal("the 3\nnaïve 2\ncat 1\nend 1\nmat 1\non 1\nsat 1\n", File.ReadAllText(path));
        Assert.Equal(vocab.Words, reread.Words);
        Assert.Equal(vocab.Counts.ToArray(), reread.Counts.ToArray());
    }

    [Fact]
    public void VocabularyFile_ReadsFilesLargerThanItsBuffer_WithLinesAcrossRefills()
    {
        // 3+ MB of lines of uneven length, so that lines straddle the reader's 64 KB refills at varying offsets.
        using var temp = new TempDirectory();
        var text = new StringBuilder();
        for (int i = 0; i < 200_000; i++)
        {
            text.Append('w').Append(i).Append(new string('x', i % 7)).Append(' ').Append(200_000 - i).Append('\n');
        }

        string path = temp.Write("big-vocab.txt", text.ToString());

        Utf8WordTable table = VocabularyFile.Read(path);

        Assert.Equal(200_000, table.Count);
        Assert.Equal(200_000 - 123_457, table.GetCount(table.IndexOf(Encoding.UTF8.GetBytes("w123457" + new string('x', 123_457 % 7)))));
        Assert.Equal(1, table.GetCount(table.IndexOf(Encoding.UTF8.GetBytes("w199999" + new string('x', 199_999 % 7)))));
    }

    [Theory]
    [InlineData("the 3\ncat x\n", 2)]
    [InlineData("the 3\ncat\n", 2)]
    [InlineData("the -1\n", 1)]
    public void VocabularyFile_RejectsBadLines_NamingFileAndLine(string content, int line)
    {
        using var temp = new TempDirectory();
        string path = temp.Write("bad-vocab.txt", content);

        var error = Assert.Throws<InvalidDataException>(() => VocabularyFile.Read(path));

        Assert.Contains($"{path}:{line}:", error.Message);
    }
}
