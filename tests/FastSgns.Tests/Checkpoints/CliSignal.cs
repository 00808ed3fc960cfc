using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FastSgns.Tests.Checkpoints;

/// <summary>Runs the CLI and sends it a POSIX signal shortly after training starts.</summary>
internal static class CliSignal
{
    /// <summary>Returns the CLI's exit code and stderr; <paramref name="delay"/> is waited after "train: kernel".</summary>
    public static (int ExitCode, string StdErr) RunAndSignal(string[] arguments, string signal, TimeSpan? delay = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(CliRunner.CliPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = new StringBuilder();
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
        Thread.Sleep(delay ?? TimeSpan.FromMilliseconds(300));
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]))
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
