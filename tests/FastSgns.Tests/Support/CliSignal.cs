using System.Diagnostics;
using System.Globalization;

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

        var result = TriggeredProcess.Run(start, line => line.StartsWith(trigger, StringComparison.Ordinal), trigger, TimeSpan.FromSeconds(120),
            process =>
            {
                Thread.Sleep(delay ?? TimeSpan.FromMilliseconds(300));
                using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)])!;
                kill.WaitForExit();
            },
            "SIG" + signal, exitWithin ?? TimeSpan.FromSeconds(120));
        return (result.ExitCode, result.Error);
    }
}
