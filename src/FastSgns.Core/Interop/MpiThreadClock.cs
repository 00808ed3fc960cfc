using System.Runtime.InteropServices;

namespace FastSgns.Interop;

/// <summary>
/// The CPU time of the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID)), user and system: how much of a core
/// the sync thread of a distributed run takes from the workers beside it, by phase. Only a distributed run, on Linux,
/// calls it.
/// </summary>
internal static unsafe partial class MpiThreadClock
{
    private const int ThreadCpuTimeClock = 3;

    /// <summary>Nanoseconds of CPU the calling thread has used since it started.</summary>
    public static long Nanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        long* time = stackalloc long[2];
        return ClockGettime(ThreadCpuTimeClock, time) == 0 ? time[0] * 1_000_000_000 + time[1] : 0;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGettime(int clock, long* time);
}
