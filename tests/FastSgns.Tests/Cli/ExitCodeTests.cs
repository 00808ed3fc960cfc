using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using static FastSgns.Tests.Cli.CliFiles;

namespace FastSgns.Tests.Cli;

/// <summary>
/// Issue #13, class 18. Rule: every exit code the README documents is asserted exactly, at the CLI, by a test named
/// for it: 0 success, 1 usage error, 2 bad input or option, 3 diverged, 75 interrupted during training (with a
/// checkpoint; <c>Reliability/CliCancellationTests</c>, <c>Checkpoints/CliInterruptTests</c>), 130 cancelled before training.
/// </summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void Exit0_OnSuccess()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, CliRunner.Run(["train", "-i", TextCorpus(temp), "-o", temp.File("m.bin"), .. Quick]).ExitCode);
    }

    [Theory]
    [InlineData("train", "-o", "m.bin")]                       // --input missing
    [InlineData("train", "-i", "c.txt", "-o", "m.bin", "--bogus")]
    [InlineData("train", "-i", "c.txt", "-o", "m.bin", "--dim", "ten")]
    [InlineData("train", "-i", "c.txt", "-o", "m.bin", "--mode", "quads")]
    [InlineData("frobnicate")]
    [InlineData("similar", "-v")]                              // the vector file is missing
    public void Exit1_OnUsageErrors(params string[] arguments)
    {
        using var temp = new TempDirectory();
        TextCorpus(temp);
        var result = CliRunner.Run([.. arguments.Select(a => a.Contains('.') ? temp.File(a) : a)]);

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.False(File.Exists(temp.File("m.bin")));
    }

    [Fact]
    public void Exit2_OnBadInput()
    {
        using var temp = new TempDirectory();
        var result = CliRunner.Run(["train", "-i", temp.File("none.txt"), "-o", temp.File("m.bin"), .. Quick]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("none.txt: input file not found.", result.StdErr);
    }

    [Fact]
    public void Exit3_OnDivergence()
    {
        using var temp = new TempDirectory();
        var result = CliRunner.Run("train", "-i", TextCorpus(temp), "-o", temp.File("m.bin"), "--alpha", "10", "--dim", "8", "--min-count", "1", "--threads", "1", "-q");

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.False(File.Exists(temp.File("m.bin")));
    }

    /// <summary>
    /// SIGINT while the corpus is encoded (after the "vocabulary:" lines, before "train:"): cancelled, exit 130, nothing
    /// written and no checkpoint, since no training state exists yet. The vocabulary is read from a file, so encoding is
    /// a pass over the text on one thread (111 MB: about half a second even on a fast machine); without it, counting
    /// writes the ids and encoding only renumbers them in a tenth of a second, which the signal often missed. The test
    /// fails, rather than passes, if the signal lands elsewhere.
    /// </summary>
    [Fact]
    public void Exit130_OnSigintBeforeTraining()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGINT is a Unix signal");
        using var temp = new TempDirectory();
        string corpus = temp.File("big.txt");
        using (var stream = File.Create(corpus))
        {
            ZipfCorpusGenerator.Write(stream, 25_000_000, 50_000, seed: 1, threads: 2, CancellationToken.None);
        }

        // A few of the generator's shortest, most frequent words: enough for a vocabulary, the rest of the text is skipped.
        string vocabulary = temp.File("vocab.txt");
        File.WriteAllText(vocabulary, "ba 1000000\nbe 1000000\nce 1000000\nco 1000000\ndi 1000000\n");
        string output = temp.File("m.bin");
        var (exitCode, stderr) = CliSignal.RunAndSignal(
            ["train", "-i", corpus, "-o", output, "--read-vocab", vocabulary, "--threads", "1", "--dim", "8", "--min-count", "1"], "INT",
            delay: TimeSpan.Zero, trigger: "vocabulary: read", exitWithin: TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 130, $"exit {exitCode}: {stderr}");
        Assert.Contains("cancelled; no output was written", stderr);
        Assert.DoesNotContain("train: kernel", stderr);
        Assert.Equal(["big.txt", "vocab.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
    }
}
