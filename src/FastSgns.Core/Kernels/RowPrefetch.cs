using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary>
/// Asks the CPU to start loading the rows of an upcoming pair while the current one is computed. Negatives are
/// random rows of a matrix far larger than the caches, so without this every pair waits on M+2 cache misses.
/// </summary>
internal static unsafe class RowPrefetch
{
    private const int FloatsPerLine = 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Pair(in KernelContext c, int inputId, int* targetIds, int rows)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        Row(c.Input + inputId * c.Stride, c.Dim);
        for (int k = 0; k < rows; k++)
        {
            Row(c.Output + targetIds[k] * c.Stride, c.Dim);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(float* row, int dim)
    {
        for (int j = 0; j < dim; j += FloatsPerLine)
        {
            Sse.Prefetch0(row + j);
        }
    }
}
