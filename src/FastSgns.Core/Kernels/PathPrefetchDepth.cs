using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// How deep in the Huffman tree the hierarchical-softmax kernels start prefetching the next path's inner nodes. The
/// rows of the tree's top levels are on most paths, so they stay in the core's L2 (2 MB here): prefetching them again
/// only took line-fill buffers the deep nodes' misses needed. Levels whose rows fit in <see cref="L2Bytes"/> together
/// are left to the caches: 12 at dim 100 (4,095 rows of 448 bytes). Measured on wiki10m, one thread, in-process
/// A/B per call (bench/results/hs-prefetch-2026-11-29.md): the CBOW HS kernel's CPU per example was 5-7 % lower
/// starting at 9-12 levels than at 3, less again from 15 levels on, and with no path prefetch at all 2 % higher.
/// </summary>
internal static class PathPrefetchDepth
{
    private const long L2Bytes = 2L << 20;

    /// <summary><see cref="RowPrefetch.NewPathNodes"/> starts below this many levels itself.</summary>
    private const int RowPrefetchLevels = 3;

    /// <summary>The first depth (root = 0) whose nodes are prefetched, for rows <paramref name="stride"/> floats apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Levels(long stride)
    {
        long rows = L2Bytes / Math.Max(stride * sizeof(float), 1);
        return Math.Max(RowPrefetchLevels, BitOperations.Log2((ulong)rows + 1));
    }

    /// <summary>
    /// <see cref="RowPrefetch.NewPathNodes"/> from depth <paramref name="levels"/> down: the paths are passed
    /// <paramref name="levels"/> − 3 nodes on, since that helper skips the top three levels itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void NewNodes(float* matrix, long stride, int dim, int levels, int* current, int rows, int* next, int nextRows)
    {
        int skip = levels - RowPrefetchLevels;
        if (nextRows > levels)
        {
            RowPrefetch.NewPathNodes(matrix, stride, dim, current + skip, rows - skip, next + skip, nextRows - skip);
        }
    }
}
