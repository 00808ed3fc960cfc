using System.Runtime.InteropServices;

namespace FastSgns.Tests.Kernels;

/// <summary>The one libc call the tests need, to turn a page into a guard page (Linux and macOS only).</summary>
internal static unsafe partial class Libc
{
    public const int ProtNone = 0;
    public const int ProtReadWrite = 1 | 2;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mprotect(void* address, nuint length, int protection);
}
