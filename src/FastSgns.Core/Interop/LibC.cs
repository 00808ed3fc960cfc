using System.Runtime.InteropServices;

namespace FastSgns.Interop;

/// <summary>
/// The one call into the C library: madvise, so memory-mapped corpora read once from front to back do not stay
/// resident. Without it every page of a multi-gigabyte text or id file read through a map counts toward the
/// process's RSS until the map is closed. Advice is a hint: failures and other platforms are ignored.
/// </summary>
internal static unsafe partial class LibC
{
    /// <summary>MADV_SEQUENTIAL: read ahead aggressively, free pages behind soon (same value on Linux and macOS).</summary>
    public const int AdviseSequential = 2;

    /// <summary>MADV_DONTNEED: drop the pages from this process; a file-backed page is read back from the cache if touched.</summary>
    public const int AdviseDontNeed = 4;

    private static readonly bool s_supported = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();
    private static readonly long s_pageSize = Environment.SystemPageSize;

    /// <summary>
    /// Advises on the whole pages inside [address, address + length) and returns how many bytes from
    /// <paramref name="address"/> those pages end at (0 when none was whole), so a caller releasing a file front to
    /// back continues from there and never leaves a page behind.
    /// </summary>
    public static long Advise(byte* address, long length, int advice)
    {
        long start = ((long)address + s_pageSize - 1) & ~(s_pageSize - 1);
        long end = ((long)address + length) & ~(s_pageSize - 1);
        if (!s_supported || end <= start)
        {
            return 0;
        }

        try
        {
            Madvise((nint)start, (nuint)(end - start), advice);
            return end - (long)address;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
