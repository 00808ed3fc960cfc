using FastSgns.Tests.Support;
using static FastSgns.Tests.Reliability.ReliabilitySupport;

namespace FastSgns.Tests.Reliability;

/// <summary>Ctrl-C (SIGINT) during training: a checkpoint, exit 75, the previous model intact, no temporary left (130, cancelled before training: Cli/ExitCodeTests).</summary>
public sealed class CliCancellationTests
{
    [Fact]
    public void Sigint_DuringTraining_SavesACheckpoint_Exits75_AndLeavesNoTemporary()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("SIGINT is a Unix signal; skipping.");
        }

        using var temp = new TempDirectory();
        string input = SyntheticFile(temp);
        string output = temp.Write("model.txt", "previous");
        // Training has started and the id file exists when "train: kernel" appears: interrupt it as a terminal would.
        var (exitCode, stderr) = CliSignal.RunAndSignal(
            ["train", "--input", input, "--output", output, "--epochs", "100000", "--threads", "1", "--dim", "16"], "INT",
            delay: TimeSpan.Zero, exitWithin: TimeSpan.FromSeconds(30));

        // Interrupted training keeps its state for --resume (src/FastSgns.Core/LARGE-CORPORA.md); the previous model stays.
        Assert.True(exitCode == 75, $"exit {exitCode}: {stderr}");
        Assert.Contains("--resume", stderr);
        Assert.Equal("previous", File.ReadAllText(output));
        Assert.True(File.Exists(output + ".checkpoint"), "no checkpoint was saved");
        Assert.Empty(Leftovers(temp.Path));
    }
}
