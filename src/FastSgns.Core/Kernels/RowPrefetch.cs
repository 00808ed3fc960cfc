using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary>
/// Asks the CPU to start loading the rows of an upcoming pair or batch while the current one is computed. Negatives
/// are random rows of a matrix far larger than the caches, so without this every pair waits on M+2 cache misses.
/// x86 only (.NET exposes no prefetch instruction for ARM64); elsewhere these do nothing.
/// </summary>
internal static unsafe class RowPrefetch
{
    private const int FloatsPerLine = 16;

    private const int LineBytes = FloatsPerLine * sizeof(float);

    /// <summary>A batch prefetches at most this many floats of each row, so a wide dim does not flood the caches.</summary>
    private const int BatchRowFloats = 512;

    /// <summary>
    /// The next pair's input row and M+1 output rows in full, but its positive only when it differs from
    /// <paramref name="currentPositive"/>: the pairs of one center word share it, and it is in L1 already. Every row
    /// of a pair is prefetched by straight runs of four lines (<see cref="Lines"/>): at ~50 prefetches per pair, a
    /// loop test per line was a fair part of the pair's instructions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Pair(in KernelContext c, int inputId, int* targetIds, int rows, int currentPositive)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        long rowBytes = c.Stride * sizeof(float);
        int bytes = c.Dim * sizeof(float);
        Lines((byte*)c.Input + inputId * rowBytes, bytes);
        byte* output = (byte*)c.Output;
        if (targetIds[0] != currentPositive)
        {
            Lines(output + targetIds[0] * rowBytes, bytes);
        }

        for (int k = 1; k < rows; k++)
        {
            Lines(output + targetIds[k] * rowBytes, bytes);
        }
    }

    /// <summary>The lines of the first <paramref name="bytes"/> at <paramref name="row"/> (a row start: 64-byte aligned in <c>EmbeddingMatrix</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lines(byte* row, int bytes)
    {
        byte* end = row + bytes;
        byte* line = row;
        for (; line + 3 * LineBytes < end; line += 4 * LineBytes)
        {
            Sse.Prefetch0(line);
            Sse.Prefetch0(line + LineBytes);
            Sse.Prefetch0(line + 2 * LineBytes);
            Sse.Prefetch0(line + 3 * LineBytes);
        }

        for (; line < end; line += LineBytes)
        {
            Sse.Prefetch0(line);
        }
    }

    /// <summary>
    /// How many batches ahead <see cref="Batches"/> requests the target rows (center and negatives, output matrix) into
    /// L2 (prefetcht1, which Zen 4 fills into L2 only), on top of the next batch's rows in full into L1. With the rows
    /// in DRAM one batch (~1 µs) is too short a lead, but requests into L1 further ahead lost their lines before use:
    /// on Zen 4, two ahead into L1 took 8–10 % off the kernel's time against none, three 9 %, six 4 %
    /// (bench/results/large-vocab-zen4-2026-11-29.md). Four ahead into L2 instead of two ahead into L1 took another
    /// 5–6 % off the batched step on gen100m's vocabulary (in-process A/B, bench/results/large-vocab-2026-11-29-eve.md);
    /// three or five ahead, six ahead, or both requests were no better. Contexts did not need it: most of the next
    /// batch's were this batch's.
    /// </summary>
    public const int TargetsAhead = 4;

    /// <summary>
    /// What batch <paramref name="b"/> of <paramref name="batches"/> requests before it trains: the next batch's rows
    /// into L1 (<see cref="Batch"/>), then the target rows of batch b + <see cref="TargetsAhead"/> into L2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Batches(in KernelContext c, int* contextIds, int* offsetIds, int* targetIds, int rows, int b, int batches)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        if (b + 1 < batches)
        {
            Batch(c, contextIds + offsetIds[b + 1], offsetIds[b + 2] - offsetIds[b + 1], targetIds + (long)(b + 1) * rows, rows);
        }

        if (b + TargetsAhead < batches)
        {
            int floats = Math.Min(c.Dim, BatchRowFloats);
            int* ids = targetIds + (long)(b + TargetsAhead) * rows;
            for (int k = 0; k < rows; k++)
            {
                LinesToL2((byte*)(c.Output + ids[k] * c.Stride), floats * sizeof(float));
            }
        }
    }

    /// <summary>As <see cref="Lines"/>, into L2 (prefetcht1): far-ahead requests that must not push L1's lines out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LinesToL2(byte* row, int bytes)
    {
        for (byte* line = row; line < row + bytes; line += LineBytes)
        {
            Sse.Prefetch1(line);
        }
    }

    /// <summary>The first <see cref="BatchRowFloats"/> floats of each context and target row of a batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Batch(in KernelContext c, int* contextIds, int count, int* targetIds, int rows)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        int floats = Math.Min(c.Dim, BatchRowFloats);
        for (int i = 0; i < count; i++)
        {
            Row(c.Input + contextIds[i] * c.Stride, floats);
        }

        Targets(c, targetIds, rows);
    }

    /// <summary>The first <see cref="BatchRowFloats"/> floats of each of a batch's target rows (output matrix); x86 only, as its callers check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Targets(in KernelContext c, int* targetIds, int rows)
    {
        int floats = Math.Min(c.Dim, BatchRowFloats);
        for (int k = 0; k < rows; k++)
        {
            Row(c.Output + targetIds[k] * c.Stride, floats);
        }
    }

    /// <summary>The rows <paramref name="ids"/> of <paramref name="matrix"/> in full (the next CBOW or hierarchical-softmax example's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rows(float* matrix, long stride, int* ids, int count, int dim)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        for (int i = 0; i < count; i++)
        {
            Row(matrix + ids[i] * stride, dim);
        }
    }

    /// <summary>
    /// The rows <paramref name="next"/> of <paramref name="matrix"/> that are not among <paramref name="current"/>
    /// (those were loaded for the current example). A window sliding by one word changes mostly one context row, and
    /// prefetching rows already cached took about a tenth of the labelled-batch kernel's time (perf, wiki10m).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NewRows(float* matrix, long stride, int dim, int* current, int count, int* next, int nextCount)
    {
        for (int n = 0; n < nextCount; n++)
        {
            bool cached = false;
            for (int i = 0; i < count; i++)
            {
                cached |= current[i] == next[n];
            }

            if (!cached)
            {
                Rows(matrix, stride, next + n, 1, dim);
            }
        }
    }

    /// <summary>Starts loading the cache line of <paramref name="values"/>[<paramref name="index"/>] (nothing is read; any index is harmless).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Element<T>(T[] values, long index)
        where T : unmanaged
    {
        if (Sse.IsSupported)
        {
            fixed (T* first = values)
            {
                Sse.Prefetch0(first + index);
            }
        }
    }

    /// <summary>The tree's top levels (2^HotLevels − 1 inner nodes), on nearly every path, so always cached.</summary>
    private const int HotLevels = 3;

    /// <summary>
    /// The inner nodes of the next Huffman path (root first) below the top <see cref="HotLevels"/> levels that differ
    /// from the current path's at the same depth: two paths share their nodes down to where they part.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NewPathNodes(float* matrix, long stride, int dim, int* current, int rows, int* next, int nextRows)
    {
        for (int k = HotLevels; k < nextRows; k++)
        {
            if (k >= rows || current[k] != next[k])
            {
                Rows(matrix, stride, next + k, 1, dim);
            }
        }
    }

    /// <summary>The lines of a row's first <paramref name="floats"/> floats, by <see cref="Lines"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(float* row, int floats) => Lines((byte*)row, floats * sizeof(float));
}
