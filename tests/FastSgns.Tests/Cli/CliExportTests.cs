using FastSgns.Tests.Support;
using FastSgns.Writers;

namespace FastSgns.Tests;

/// <summary><c>fastsgns export</c>: text ↔ binary conversion, subsets by --limit and --words, and its output checks.</summary>
public sealed class CliExportTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _text;

    public CliExportTests()
    {
        // Random values in [−1, 1) written as word2vec.c writes text: six decimals.
        _text = _temp.File("vectors.txt");
        Word2VecWriter.Save(TestVectors.Random(50, 12, seed: 9, i => i == 4 ? "café" : $"w{i}"), _text, binary: false);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TextToBinaryToText_GivesTheSameBytes_AndTheBinaryHoldsTheTextsFloats()
    {
        string binary = _temp.File("v.bin"), back = _temp.File("back.txt");

        var toBinary = CliRunner.Run("export", "-v", _text, "--format", "binary", "-o", binary);
        var toText = CliRunner.Run("export", "-v", binary, "--format", "text", "-o", back);

        Assert.True(toBinary.ExitCode == 0, toBinary.StdErr);
        Assert.True(toText.ExitCode == 0, toText.StdErr);
        Assert.Equal(File.ReadAllBytes(_text), File.ReadAllBytes(back));
        using var fromText = Word2VecReader.Load(_text);
        using var fromBinary = Word2VecReader.Load(binary);
        Assert.Equal(fromText.Words, fromBinary.Words);
        Assert.Equal(fromText.Vectors.Values(), fromBinary.Vectors.Values());
        Assert.Contains("wrote 50 vectors of 12 dims", toBinary.StdErr);
    }

    [Fact]
    public void Limit_KeepsTheFirstNWords_BitForBit()
    {
        string binary = _temp.File("all.bin"), first = _temp.File("first.bin");
        Assert.Equal(0, CliRunner.Run("export", "-v", _text, "--format", "binary", "-o", binary).ExitCode);

        var result = CliRunner.Run("export", "-v", binary, "--format", "binary", "-o", first, "--limit", "7");

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var all = Word2VecReader.Load(binary);
        using var subset = Word2VecReader.Load(first);
        Assert.Equal(all.Words.Take(7), subset.Words);
        Assert.Equal(all.Vectors.Values().Take(7 * 12), subset.Vectors.Values());
        Assert.StartsWith("7 12\n", File.ReadAllText(first));
    }

    [Fact]
    public void Words_KeepsTheListedWordsInModelOrder_AndReportsTheMissingOnesInOneLine()
    {
        string list = _temp.Write("words.txt", "w30\n\ncafé 17\n  w2  \nw30\ndragon\nw11\tsome count\nunicorn\n");
        string output = _temp.File("subset.txt");

        var result = CliRunner.Run("export", "-v", _text, "--format", "text", "-o", output, "--words", list);

        Assert.True(result.ExitCode == 0, result.StdErr);
        using var subset = Word2VecReader.Load(output);
        Assert.Equal(["w2", "café", "w11", "w30"], subset.Words);
        using var all = Word2VecReader.Load(_text);
        Assert.Equal(all.Vectors.Row(11).ToArray(), subset.Vectors.Row(2).ToArray());
        string warning = Assert.Single(result.StdErr.Split('\n'), l => l.Contains("not in the vectors"));
        Assert.Contains("2 of 7 words", warning);
        Assert.Contains("\"dragon\" (line 6)", warning);
        Assert.Contains("\"unicorn\" (line 8)", warning);
    }

    [Fact]
    public void WordsAndLimit_TakeTheFirstNListedWords_AlsoForTheProjector()
    {
        string list = _temp.Write("words.txt", "w40\nw3\nw20\nw9\n");
        string directory = _temp.File("projector");

        var result = CliRunner.Run("export", "-v", _text, "--format", "projector", "-o", directory, "--words", list, "--limit", "3");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(["w3", "w9", "w20"], File.ReadAllLines(Path.Combine(directory, "metadata.tsv")));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(directory, "vectors.tsv")).Length);
        Assert.DoesNotContain("not in the vectors", result.StdErr);
    }

    [Fact]
    public void Words_NoneInTheModel_IsAnError_AndWritesNothing()
    {
        string list = _temp.Write("words.txt", "dragon\nunicorn\n");
        string output = _temp.File("none.bin");

        var result = CliRunner.Run("export", "-v", _text, "--format", "binary", "-o", output, "--words", list);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("words.txt: none of its 2 words is in the vectors (line 1: \"dragon\"); nothing was written.", result.StdErr);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("vectors")]
    [InlineData("words")]
    public void Output_ThatIsAnInput_IsRefusedBeforeAnythingIsWritten(string which)
    {
        string list = _temp.Write("words.txt", "w1\n");
        byte[] vectorsBefore = File.ReadAllBytes(_text);

        var result = CliRunner.Run("export", "-v", _text, "--format", "binary", "-o", which == "vectors" ? _text : list, "--words", list);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"same file as --{which}", result.StdErr);
        Assert.Equal(vectorsBefore, File.ReadAllBytes(_text));
        Assert.Equal("w1\n", File.ReadAllText(list));
    }

    [Fact]
    public void BadOutputOrWordList_FailsInOneLine_NamingThePath()
    {
        var directory = CliRunner.Run("export", "-v", _text, "--format", "text", "-o", _temp.Path);
        var missing = CliRunner.Run("export", "-v", _text, "--format", "text", "-o", _temp.File("x.txt"), "--words", _temp.File("nope.txt"));

        Assert.Equal(2, directory.ExitCode);
        Assert.Contains("is a directory; --output needs a file path", directory.StdErr);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.txt", missing.StdErr);
        Assert.Single(missing.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(_temp.File("x.txt")));
    }
}
