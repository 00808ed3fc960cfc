using FastSgns.Tests.Support;
using static FastSgns.Tests.Cli.CliFiles;

namespace FastSgns.Tests.Cli;

/// <summary>
/// Issue #13, classes 1 and 2. Rule: no output may be an input or another output, compared by file identity (device
/// and inode, after symbolic links and ".."), and no output may lie in an input directory; a clash is refused with
/// exit 2 before any work, and every file stays byte for byte as it was. The checkpoint is deleted after a
/// successful run only when this run wrote it (or resumed from it).
/// </summary>
public sealed class OutputClashCliTests
{
    /// <summary>Paths are relative to a fresh directory holding c.txt (the corpus), m.bin (an old model) and v.txt, q.txt, s.tsv.</summary>
    [Theory]
    [InlineData("same file as --input", "-o", "c.txt")]
    [InlineData("same file as --input", "-o", "./sub/../c.txt")]
    [InlineData("same file as --input", "-o", "hard.txt")]
    [InlineData("same file as --input", "-o", "link-to-c.txt")]
    [InlineData("same file as --input", "-o", "m.bin", "--checkpoint", "c.txt")]
    [InlineData("same file as --input", "-o", "m.bin", "--save-vocab", "c.txt")]
    [InlineData("same file as --input", "-o", "m.bin", "--plot", "c.txt")]
    [InlineData("same file as --read-vocab", "-o", "m.bin", "--read-vocab", "v.txt", "--save-vocab", "v.txt")]
    [InlineData("same file as --eval-analogies", "-o", "q.txt", "--eval-analogies", "q.txt")]
    [InlineData("same file as --eval-similarity", "-o", "m.bin", "--plot", "s.tsv", "--eval-similarity", "s.tsv")]
    [InlineData("name the same file", "-o", "m.bin", "--checkpoint", "m.bin")]
    [InlineData("name the same file", "-o", "m.bin", "--plot", "m.bin")]
    [InlineData("name the same file", "-o", "m.bin", "--save-vocab", "./m.bin")]
    [InlineData("name the same file", "-o", "new.bin", "--save-vocab", "sub/../new.bin")]
    [InlineData("name the same file", "-o", "m.bin", "--save-vocab", "new.txt", "--checkpoint", "new.txt")]
    [InlineData("name the same file", "-o", "m.bin", "--checkpoint", "m.bin.link")]
    public void Train_OutputClashingWithAFile_IsRefusedBeforeAnyWork_AndNothingChanges(string expected, params string[] arguments)
    {
        using var temp = new TempDirectory();
        TextCorpus(temp);
        temp.Write("m.bin", "old model");
        temp.Write("v.txt", "the 5\ncat 3\n");
        temp.Write("q.txt", ": s\nthe cat dog mat\n");
        temp.Write("s.tsv", "the\tcat\t1.0\n");
        Directory.CreateDirectory(temp.File("sub"));
        Assert.Equal(0, ExternalProcess.Run("ln", [temp.File("c.txt"), temp.File("hard.txt")]).ExitCode);
        File.CreateSymbolicLink(temp.File("link-to-c.txt"), "c.txt");
        File.CreateSymbolicLink(temp.File("m.bin.link"), "m.bin");
        var before = Snapshot(temp.Path);
        string[] absolute = [.. arguments.Select(a => a.StartsWith('-') ? a : temp.File(a))];

        var result = CliRunner.Run(["train", "-i", temp.File("c.txt"), .. absolute, .. Quick]);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains(expected, result.StdErr);
        Assert.Equal(before, Snapshot(temp.Path));
    }

    [Fact]
    public void Train_OutputInsideAnInputDirectory_IsRefused_BecauseTheNextRunWouldReadIt()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("texts"));
        TextCorpus(temp, "texts/a.txt");
        var before = Snapshot(temp.Path);

        var result = CliRunner.Run(["train", "-i", temp.File("texts"), "-o", temp.File("texts/m.bin"), .. Quick]);

        Assert.True(result.ExitCode == 2, result.StdErr);
        Assert.Contains("inside the input directory", result.StdErr);
        Assert.Equal(before, Snapshot(temp.Path));
    }

    [Fact]
    public void Export_IntoTheDirectoryOfItsOwnVectorFile_NamedVectorsTsv_IsRefused()
    {
        using var temp = new TempDirectory();
        string corpus = TextCorpus(temp);
        string model = temp.File("vectors.tsv");
        Assert.Equal(0, CliRunner.Run(["train", "-i", corpus, "-o", model, .. Quick]).ExitCode);
        var before = Snapshot(temp.Path);

        var result = CliRunner.Run("export", "-v", model, "--format", "projector", "-o", temp.Path);

        Assert.True(result.ExitCode == 2, result.StdErr);
        Assert.Contains("same file as --vectors", result.StdErr);
        Assert.Equal(before, Snapshot(temp.Path));
    }

    [Fact]
    public void Train_CheckpointPathNamingAFileThisRunNeverWrote_IsNotDeleted()
    {
        using var temp = new TempDirectory();
        string corpus = TextCorpus(temp);
        string notes = temp.Write("notes.txt", "not a checkpoint");

        var result = CliRunner.Run(["train", "-i", corpus, "-o", temp.File("m.bin"), "--checkpoint", notes, .. Quick]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("not a checkpoint", File.ReadAllText(notes));
        Assert.True(File.Exists(temp.File("m.bin")));
    }
}
