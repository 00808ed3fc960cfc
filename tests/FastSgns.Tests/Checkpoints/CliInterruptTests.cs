using System.Diagnostics;
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

        var (exitCode, stderr) = RunAndSignal([.. common, "--output", actual], signal);

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

    /// <summary>Starts the CLI, sends the signal shortly after training starts, returns its exit code and stderr.</summary>
    private static (int ExitCode, string StdErr) RunAndSignal(string[] arguments, string signal)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(CliRunner.CliPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = new System.Text.StringBuilder();
        var training = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (e.Data.StartsWith("train: kernel", StringComparison.Ordinal))
            {
                training.Set();
            }
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        Assert.True(training.Wait(TimeSpan.FromSeconds(120)), "training did not start");
        Thread.Sleep(300);
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the CLI did not exit after the signal");
        }

        process.WaitForExit();
        lock (stderr)
        {
            return (process.ExitCode, stderr.ToString());
        }
    }
}
