namespace FastSgns.Diagnostics;

/// <summary>Resident memory of this process (Linux VmRSS, and its peak VmHWM), for stage logs and benchmarks.</summary>
internal static class ProcessMemory
{
    /// <summary>VmHWM in bytes; 0 where /proc is unavailable.</summary>
    public static long PeakResidentBytes() => StatusBytes("VmHWM:");

    /// <summary>VmRSS in bytes; 0 where /proc is unavailable.</summary>
    public static long CurrentResidentBytes() => StatusBytes("VmRSS:");

    private static long StatusBytes(string field)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return 0;
    }

    /// <summary>", peak RSS N MB" or nothing, for appending to a log line.</summary>
    public static string PeakSuffix()
    {
        long peak = PeakResidentBytes();
        return peak > 0 ? $", peak RSS {peak / 1e6:F0} MB" : "";
    }
}
