using System.Diagnostics;
using FastSgns.Tests.Support;
using static FastSgns.Tests.Reliability.ReliabilitySupport;

namespace FastSgns.Tests.Reliability;

/// <summary>Ctrl-C (SIGINT) during training: a checkpoint, exit 75, the previous model intact, no temporary left (130, cancelled before training: Cli/ExitCodeTests).</summary>
public sealed class CliCancellationTests
{
    [Fact]
    public async Task Sigint_DuringTraining_SavesACheckpoint_Exits75_AndLeavesNoTemporary()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("SIGINT is a Unix signal; skipping.");
        }

        using var temp = new TempDirectory();
        string input = SyntheticFile(temp);
        string output = temp.Write("model.txt", "previous");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { CliRunner.CliPath, "train", "--input", input, "--output", output, "--epochs", "100000", "--threads", "1", "--dim", "16" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new System.Text.StringBuilder();
        while (process.StandardError.ReadLine() is { } line)
        {
            stderr.AppendLine(line);
            if (line.StartsWith("train: kernel", StringComparison.Ordinal))
            {
                // Training has started and the id file exists: interrupt it as a terminal would.
                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
                break;
            }
        }

        stderr.Append(process.StandardError.ReadToEnd());
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"fastsgns did not stop within 30 s of SIGINT: {stderr}");
        }

        await stdout;
        // Interrupted training keeps its state for --resume (src/FastSgns.Core/LARGE-CORPORA.md); the previous model stays.
        Assert.True(process.ExitCode == 75, $"exit {process.ExitCode}: {stderr}");
        Assert.Contains("--resume", stderr.ToString());
        Assert.Equal("previous", File.ReadAllText(output));
        Assert.True(File.Exists(output + ".checkpoint"), "no checkpoint was saved");
        Assert.Empty(Leftovers(temp.Path));
    }
}
