using System.Globalization;

namespace FastSgns.Diagnostics;

/// <summary>
/// Whether a training run fits in the memory this process may use, estimated before anything large is allocated,
/// so that a run too big for the machine is refused with one clear line instead of dying of an
/// <see cref="OutOfMemoryException"/> minutes in. The estimate is what training adds (the two matrices, the per-word
/// sampling tables, per-thread scratch) and, for the address space only, the id file it maps; the limit is the
/// smallest of the address-space limit (RLIMIT_AS, less what is mapped already), the cgroup's memory.max (less its
/// use) and the system's MemAvailable. Linux only: where none can be read, nothing is refused.
/// </summary>
internal static class MemoryBudget
{
    /// <summary>Sampling tables per word: the trainer's counts (8), alias table (8), subsampling (8), and their build (16).</summary>
    private const long TableBytesPerWord = 40;

    /// <summary>Per worker thread: kernel scratch, sentence and batch buffers, a thread stack; generous.</summary>
    private const long ThreadBytes = 2 << 20;

    /// <summary>Room for the runtime's own growth while training (JIT, GC bookkeeping, buffers of the writers).</summary>
    private const long Headroom = 64L << 20;

    /// <summary>What training allocates for <paramref name="words"/> vectors of <paramref name="dim"/> floats.</summary>
    public static long TrainingBytes(int words, int dim, int threads)
    {
        long stride = (dim + 15L) / 16 * 16;
        return 2L * words * stride * sizeof(float) + words * TableBytesPerWord + threads * ThreadBytes + Headroom;
    }

    /// <summary>
    /// Throws <see cref="InsufficientMemoryException"/> when <paramref name="needed"/> bytes of memory (plus
    /// <paramref name="mappedBytes"/> of mapped files, which count against the address space only) do not fit.
    /// </summary>
    public static void EnsureFits(long needed, long mappedBytes, string what)
    {
        (long available, string limit) = Available(mappedBytes);
        if (needed > available)
        {
            var c = CultureInfo.InvariantCulture;
            throw new InsufficientMemoryException(string.Format(c,
                "not enough memory for {0}: it needs about {1:F1} GB but {2:F1} GB is available ({3}); use a smaller dimension or a smaller vocabulary (a higher minimum count).",
                what, needed / 1e9, Math.Max(available, 0) / 1e9, limit));
        }
    }

    /// <summary>The smallest of the limits that apply, after <paramref name="mappedBytes"/> are taken from the address space.</summary>
    public static (long Bytes, string Limit) Available(long mappedBytes = 0)
    {
        (long Bytes, string Limit) best = (long.MaxValue, "no limit found");
        long addressLimit = LimitsValue("Max address space");
        if (addressLimit > 0)
        {
            long used = StatusValue("VmSize:");
            Consider(ref best, addressLimit - used - mappedBytes, $"address-space limit {addressLimit / 1e9:F1} GB, {used / 1e9:F1} GB of it in use");
        }

        (long cgroupLimit, long cgroupUsed) = CgroupMemory();
        if (cgroupLimit > 0)
        {
            Consider(ref best, cgroupLimit - cgroupUsed, $"cgroup memory limit {cgroupLimit / 1e9:F1} GB, {cgroupUsed / 1e9:F1} GB of it in use");
        }

        long memAvailable = MeminfoValue("MemAvailable:");
        if (memAvailable > 0)
        {
            Consider(ref best, memAvailable, "MemAvailable");
        }

        return best;
    }

    private static void Consider(ref (long Bytes, string Limit) best, long bytes, string limit)
    {
        if (bytes < best.Bytes)
        {
            best = (bytes, limit);
        }
    }

    /// <summary>The soft limit of a /proc/self/limits row, in bytes; 0 when unlimited or unreadable.</summary>
    private static long LimitsValue(string name)
    {
        foreach (string line in ReadLines("/proc/self/limits"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                string[] parts = line[name.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : 0;
            }
        }

        return 0;
    }

    private static long StatusValue(string field) => KilobyteField("/proc/self/status", field);

    private static long MeminfoValue(string field) => KilobyteField("/proc/meminfo", field);

    private static long KilobyteField(string path, string field)
    {
        foreach (string line in ReadLines(path))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                string[] parts = line[field.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kb) ? kb * 1024 : 0;
            }
        }

        return 0;
    }

    /// <summary>cgroup v2 memory.max and memory.current (v1: limit_in_bytes and usage_in_bytes); (0, 0) when unlimited.</summary>
    private static (long Limit, long Used) CgroupMemory()
    {
        foreach ((string max, string current) in new[]
        {
            ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
            ("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"),
        })
        {
            long limit = FileValue(max);
            // v1 writes "no limit" as a number near 2^63.
            if (limit > 0 && limit < 1L << 60)
            {
                return (limit, Math.Max(0, FileValue(current)));
            }
        }

        return (0, 0);
    }

    private static long FileValue(string path)
    {
        string? text = ReadLines(path).FirstOrDefault();
        return long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : 0;
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
