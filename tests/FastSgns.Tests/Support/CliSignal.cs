using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FastSgns.Tests.Support;

/// <summary>Runs the CLI and sends it a POSIX signal once a given stage line appears (by default: triggered starts).</summary>
internal static class CliSignal
{
    /// <summary>
    /// Returns the CLI's exit code and stderr; the signal goes <paramref name="delay"/> after the first stderr line that
    /// starts with <paramref name="trigger"/>, and the CLI must exit within <paramref name="exitWithin"/> (120 s) of it.
    /// </summary>
    public static (int ExitCode, string StdErr) RunAndSignal(string[] arguments, string signal, TimeSpan? delay = null, string trigger = "train: kernel",
        TimeSpan? exitWithin = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(CliRunner.CliPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = new StringBuilder();
        var triggered = new ManualResetEventSlim();
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

            if (e.Data.StartsWith(trigger, StringComparison.Ordinal))
            {
                triggered.Set();
            }
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        Assert.True(triggered.Wait(TimeSpan.FromSeconds(120)), $"no \"{trigger}\" line within 120 s");
        Thread.Sleep(delay ?? TimeSpan.FromMilliseconds(300));
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!process.WaitForExit(exitWithin ?? TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the CLI did not exit within {(exitWithin ?? TimeSpan.FromSeconds(120)).TotalSeconds} s of SIG{signal}: {stderr}");
        }

        process.WaitForExit();
        lock (stderr)
        {
            return (process.ExitCode, stderr.ToString());
        }
    }
}
