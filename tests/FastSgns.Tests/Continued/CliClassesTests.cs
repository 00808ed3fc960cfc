using FastSgns.Tests.Support;
using static FastSgns.Tests.Continued.ContinuedRuns;

namespace FastSgns.Tests.Continued;

/// <summary>--classes writes word2vec's "word class" lines to --output instead of vectors.</summary>
public sealed class CliClassesTests
{
    [Fact]
    public void Classes_AreWrittenAsWordClassLines_OnePerWord_RepeatablyAcrossThreads()
    {
        using var temp = new TempDirectory();
        string corpus = CorpusFile(temp);
        string[] common = ["train", "-i", corpus, "--dim", "16", "--min-count", "2", "--threads", "1", "--seed", "3", "-q"];
        CliRunner.Result vectors = CliRunner.Run([.. common, "-o", temp.File("v.txt")]);
        CliRunner.Result classes = CliRunner.Run([.. common, "-o", temp.File("classes.txt"), "--classes", "7"]);

        Assert.True(vectors.ExitCode == 0, vectors.StdErr);
        Assert.True(classes.ExitCode == 0, classes.StdErr);
        string[] words = [.. File.ReadAllLines(temp.File("v.txt")).Skip(1).Select(l => l.Split(' ')[0])];
        string[] lines = File.ReadAllLines(temp.File("classes.txt"));
        Assert.Equal(words, lines.Select(l => l.Split(' ')[0]));
        Assert.All(lines, l => Assert.InRange(int.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), 0, 6));
        Assert.True(lines.Select(l => l.Split(' ')[1]).Distinct().Count() > 1);

        using SgnsModel model = SgnsModel.Load(temp.File("v.txt"));
        Assert.Equal(model.WordClasses(7, threads: 1), model.WordClasses(7, threads: 3));
    }

    [Theory]
    [InlineData("--binary", "--binary does not apply with --classes")]
    [InlineData("--threads", "--classes must be between 0 (off) and 1000000, got -1.")]
    public void Classes_BadlyCombined_FailBeforeTheCorpusIsRead(string extra, string message)
    {
        using var temp = new TempDirectory();
        string[] arguments = extra == "--binary"
            ? ["train", "-i", temp.File("missing.txt"), "-o", temp.File("c.txt"), "--classes", "5", "--binary"]
            : ["train", "-i", temp.File("missing.txt"), "-o", temp.File("c.txt"), "--classes", "-1"];

        CliRunner.Result result = CliRunner.Run(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
    }

    [Fact]
    public void Classes_OverTheInput_AreRefused_AndTheInputIsKept()
    {
        using var temp = new TempDirectory();
        string corpus = CorpusFile(temp);
        byte[] before = File.ReadAllBytes(corpus);

        CliRunner.Result result = CliRunner.Run("train", "-i", corpus, "-o", corpus, "--classes", "5", "-q");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(corpus));
    }
}
