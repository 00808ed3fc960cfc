using FastSgns.Synthetic;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Checkpoints;

/// <summary>The CLI interrupted by a signal mid-training, then resumed, ends bit-identical to a run left alone.</summary>
public sealed class CliInterruptTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void Signal_WritesACheckpoint_AndResumeMatchesAnUninterruptedRun(string signal)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("POSIX signals only.");
        }

        using var temp = new TempDirectory();
        string corpus = temp.File("corpus.txt");
        File.WriteAllBytes(corpus, SyntheticCorpus.Generate(20_000).Text);

        // 24 epochs of 200k words take seconds even on a quiet machine, so the signal lands mid-training
        // (6 epochs once finished before the signal arrived).
        string[] common = ["train", "--input", corpus, "--dim", "16", "--epochs", "24", "--threads", "1", "--kernel", "scalar", "--seed", "3"];
        string expected = temp.File("expected.txt");
        string actual = temp.File("actual.txt");
        var reference = CliRunner.Run([.. common, "--output", expected]);
        Assert.True(reference.ExitCode == 0, reference.StdErr);

        var (exitCode, stderr) = CliSignal.RunAndSignal([.. common, "--output", actual], signal);

        Assert.True(exitCode == 75, $"exit {exitCode}: {stderr}");
        Assert.Contains("--resume", stderr);
        Assert.True(File.Exists(actual + ".checkpoint"), stderr);
        Assert.False(File.Exists(actual));
        var resumed = CliRunner.Run([.. common, "--output", actual, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        Assert.Contains("checkpoint: resuming", resumed.StdErr);
        Assert.Contains("(counting skipped)", resumed.StdErr);
        Assert.True(File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(actual)), "resumed output differs");
        Assert.False(File.Exists(actual + ".checkpoint"));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.ids").Concat(Directory.GetFiles(temp.Path, ".*")));
    }
}
