using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Interop;

/// <summary>
/// A hint that asks for a cache line before it is read, so that the lookups of a token batch wait for memory
/// together instead of one after another. Without SSE it does nothing, which changes speed, never results; it
/// only names an address and reads nothing, so an address past the end of an array would also be harmless.
/// </summary>
internal static unsafe class CachePrefetch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Line<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }
}
