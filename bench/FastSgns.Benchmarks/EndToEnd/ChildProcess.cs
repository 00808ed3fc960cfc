using System.Diagnostics;

namespace FastSgns.Benchmarks.EndToEnd;

/// <summary>Runs a command, capturing its output and sampling its peak resident set (VmHWM) from /proc.</summary>
public static class ChildProcess
{
    public sealed record Result(int ExitCode, string Output, double Seconds, long PeakRssBytes);

    public static Result Run(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peak = 0;
        while (!process.WaitForExit(200))
        {
            peak = Math.Max(peak, ReadPeakRss(process.Id));
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString(), stopwatch.Elapsed.TotalSeconds, peak);
    }

    /// <summary>VmHWM of a live process (the kernel's own high-water mark), or 0 once it is gone.</summary>
    private static long ReadPeakRss(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
