using System.Diagnostics;
using System.Text;

namespace FastSgns.Tests.Support;

/// <summary>Runs a process and acts on it (a signal, a kill) once its stderr shows a given line.</summary>
internal static class TriggeredProcess
{
    /// <summary>
    /// Starts <paramref name="start"/> (stdin closed if redirected), collects stderr, runs <paramref name="act"/> on the
    /// process after the first stderr line <paramref name="isTrigger"/> accepts, and requires it to exit within
    /// <paramref name="exitWithin"/> of that; returns the exit code, stdout and stderr.
    /// </summary>
    public static ExternalProcess.Result Run(ProcessStartInfo start, Func<string, bool> isTrigger, string trigger, TimeSpan triggerWithin,
        Action<Process> act, string actName, TimeSpan exitWithin)
    {
        using var process = Process.Start(start)!;
        if (start.RedirectStandardInput)
        {
            process.StandardInput.Close();
        }

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

            if (isTrigger(e.Data))
            {
                triggered.Set();
            }
        };
        process.BeginErrorReadLine();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Assert.True(triggered.Wait(triggerWithin), $"no \"{trigger}\" line within {triggerWithin.TotalSeconds} s: {Snapshot(stderr)}");
        act(process);

        if (!process.WaitForExit(exitWithin))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the process did not exit within {exitWithin.TotalSeconds} s of {actName}: {Snapshot(stderr)}");
        }

        process.WaitForExit();
        return new ExternalProcess.Result(process.ExitCode, output.Result, Snapshot(stderr));
    }

    private static string Snapshot(StringBuilder stderr)
    {
        lock (stderr)
        {
            return stderr.ToString();
        }
    }
}
