using System.Runtime.InteropServices;

namespace FastSgns.Interop;

/// <summary>
/// Sleeps shorter than a millisecond between polls of a nonblocking MPI collective (Thread.Sleep counts whole
/// milliseconds). Only a distributed run, on Linux, calls it.
/// </summary>
internal static partial class MpiPollSleep
{
    /// <summary>Sleeps about <paramref name="microseconds"/> µs (plus the scheduler's wake-up latency).</summary>
    public static void Sleep(int microseconds) => Usleep((uint)microseconds);

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int Usleep(uint microseconds);
}
