using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastSgns.Kernels;

/// <summary>The B×(M+1) dot products of a batch, register-blocked (see <c>VectorKernel.Batched.cs</c>).</summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    /// <summary>
    /// dots[i·stride + k] = inputs[i] · outputs[k], in tiles of 2 contexts × 4 targets, and 2 × 2 for the last one
    /// or two targets (no wasted slot for M+1 = 6). Short tiles repeat the last row; slots past rows fall in the
    /// row's padding (stride ≥ round4(rows)). A four-wide tile's eight sums come from one permute tree
    /// (<see cref="StoreSums"/>): at dim 100 eight horizontal sums cost about as much as the tile's FMAs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BatchDots(float** inputs, float** outputs, float* dots, int stride, int count, int rows, int dim, bool whole)
    {
        int lastRow = rows - 1;
        if (whole && TileTargets == 8 && rows is 5 or 6)
        {
            // M+1 = 6 (or 5) with whole vectors and 32 registers: one 2 × 6 tile, eight loads for twelve FMAs.
            DotTilesSix(inputs, outputs[0], outputs[1], outputs[2], outputs[3], outputs[4], outputs[lastRow], dots, stride, count, dim);
            return;
        }

        int k = 0;
        for (; k < rows - 2; k += 4)
        {
            DotTiles(inputs, outputs[k], outputs[Math.Min(k + 1, lastRow)], outputs[Math.Min(k + 2, lastRow)], outputs[Math.Min(k + 3, lastRow)],
                dots + k, stride, count, dim, four: true, treeSums: true);
        }

        if (k < rows)
        {
            DotTiles(inputs, outputs[k], outputs[lastRow], null, null, dots + k, stride, count, dim, four: false);
        }
    }

    /// <summary>
    /// Every pair of contexts against targets o0..o3 (o0, o1 alone when <paramref name="four"/> is false): each loaded
    /// chunk feeds two or four FMAs. Inlined with <paramref name="four"/> and <paramref name="treeSums"/> constants, so no
    /// copy branches on them; <paramref name="treeSums"/> (four-wide only) stores a tile's eight sums by the labelled
    /// batch's permute tree (<c>VectorKernel.PathDots.cs</c>) instead of one horizontal sum each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotTiles(float** inputs, float* o0, float* o1, float* o2, float* o3, float* dots, int stride, int count, int dim, bool four,
        bool treeSums = false)
    {
        int lastContext = count - 1;
        for (int i = 0; i < count; i += 2)
        {
            float* x0 = inputs[i], x1 = inputs[Math.Min(i + 1, lastContext)];
            TVec a0 = default, a1 = default, a2 = default, a3 = default;
            TVec b0 = default, b1 = default, b2 = default, b3 = default;
            int j = 0;
            for (; j <= dim - TOps.Count; j += TOps.Count)
            {
                AccumulateChunk(x0, x1, o0, o1, o2, o3, j, default, 0, masked: false, four,
                    ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
            }

            if (j < dim)
            {
                int tail = dim - j;
                AccumulateChunk(x0, x1, o0, o1, o2, o3, j, TOps.TailMask(tail), tail, masked: true, four,
                    ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
            }

            // A repeated last context is dropped: the row after the last is not the caller's.
            if (treeSums)
            {
                StoreSums(a0, a1, a2, a3, b0, b1, b2, b3, dots + i * stride, dots + (i + 1) * stride, i + 1 < count);
                continue;
            }

            if (!four)
            {
                StorePairSums(a0, a1, b0, b1, dots + i * stride, dots + (i + 1) * stride, i + 1 < count);
                continue;
            }

            StoreDots(dots + i * stride, a0, a1, a2, a3, four);
            if (i + 1 < count)
            {
                StoreDots(dots + (i + 1) * stride, b0, b1, b2, b3, four);
            }
        }
    }

    /// <summary>
    /// Adds one chunk at <paramref name="j"/> of contexts x0, x1 times targets o0..o3 to the tile's sums: each loaded
    /// target chunk feeds two FMAs. Inlined with constant flags; the accumulators stay in registers (the refs are to
    /// the caller's locals and vanish with the inlining).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateChunk(float* x0, float* x1, float* o0, float* o1, float* o2, float* o3, int j, TVec mask, int tail,
        bool masked, bool four, ref TVec a0, ref TVec a1, ref TVec a2, ref TVec a3, ref TVec b0, ref TVec b1, ref TVec b2, ref TVec b3)
    {
        TVec x = Load(x0 + j, mask, tail, masked), y = Load(x1 + j, mask, tail, masked);
        TVec p = Load(o0 + j, mask, tail, masked);
        a0 = TOps.MultiplyAdd(x, p, a0);
        b0 = TOps.MultiplyAdd(y, p, b0);
        p = Load(o1 + j, mask, tail, masked);
        a1 = TOps.MultiplyAdd(x, p, a1);
        b1 = TOps.MultiplyAdd(y, p, b1);
        if (four)
        {
            p = Load(o2 + j, mask, tail, masked);
            a2 = TOps.MultiplyAdd(x, p, a2);
            b2 = TOps.MultiplyAdd(y, p, b2);
            p = Load(o3 + j, mask, tail, masked);
            a3 = TOps.MultiplyAdd(x, p, a3);
            b3 = TOps.MultiplyAdd(y, p, b3);
        }
    }

    /// <summary>
    /// Every pair of contexts against six targets, whole vectors only (dim a multiple of the width): twelve
    /// accumulators; targets 0..3 and 4, 5 summed by the permute trees the 2 × 4 and 2 × 2 tiles use, so the dots are
    /// the same bits as theirs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotTilesSix(float** inputs, float* o0, float* o1, float* o2, float* o3, float* o4, float* o5, float* dots, int stride, int count, int dim)
    {
        int lastContext = count - 1;
        for (int i = 0; i < count; i += 2)
        {
            float* x0 = inputs[i], x1 = inputs[Math.Min(i + 1, lastContext)];
            TVec a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
            TVec b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default;
            for (int j = 0; j < dim; j += TOps.Count)
            {
                TVec x = TOps.Load(x0 + j), y = TOps.Load(x1 + j);
                TVec p = TOps.Load(o0 + j);
                a0 = TOps.MultiplyAdd(x, p, a0);
                b0 = TOps.MultiplyAdd(y, p, b0);
                p = TOps.Load(o1 + j);
                a1 = TOps.MultiplyAdd(x, p, a1);
                b1 = TOps.MultiplyAdd(y, p, b1);
                p = TOps.Load(o2 + j);
                a2 = TOps.MultiplyAdd(x, p, a2);
                b2 = TOps.MultiplyAdd(y, p, b2);
                p = TOps.Load(o3 + j);
                a3 = TOps.MultiplyAdd(x, p, a3);
                b3 = TOps.MultiplyAdd(y, p, b3);
                p = TOps.Load(o4 + j);
                a4 = TOps.MultiplyAdd(x, p, a4);
                b4 = TOps.MultiplyAdd(y, p, b4);
                p = TOps.Load(o5 + j);
                a5 = TOps.MultiplyAdd(x, p, a5);
                b5 = TOps.MultiplyAdd(y, p, b5);
            }

            // A repeated last context is dropped: the row after the last is not the caller's.
            bool both = i + 1 < count;
            float* first = dots + i * stride, second = dots + (i + 1) * stride;
            StoreSums(a0, a1, a2, a3, b0, b1, b2, b3, first, second, both);
            StorePairSums(a4, a5, b4, b5, first + 4, second + 4, both);
        }
    }

    /// <summary>
    /// first[0], first[1] = Σa0, Σa1 and, when <paramref name="both"/>, second[0], second[1] = Σb0, Σb1: one permute
    /// tree for the four (the 2 × 2 tiles' and the 2 × 6 tile's last two targets), where four horizontal sums
    /// cost about 25 instructions each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePairSums(TVec a0, TVec a1, TVec b0, TVec b1, float* first, float* second, bool both)
    {
        Vector128<float> sums;
        if (typeof(TVec) == typeof(Vector512<float>) && Avx512F.IsSupported)
        {
            // Sum8 with the four given twice: its lanes 0..3 are Σa0, Σa1, Σb0, Σb1.
            sums = Sum8(As512(a0), As512(a1), As512(b0), As512(b1), As512(a0), As512(a1), As512(b0), As512(b1)).GetLower();
        }
        else if (typeof(TVec) == typeof(Vector256<float>) && Avx.IsSupported)
        {
            sums = Sum4(As256(a0), As256(a1), As256(b0), As256(b1));
        }
        else
        {
            sums = Vector128.Create(TOps.Sum(a0), TOps.Sum(a1), TOps.Sum(b0), TOps.Sum(b1));
        }

        first[0] = sums.GetElement(0);
        first[1] = sums.GetElement(1);
        if (both)
        {
            second[0] = sums.GetElement(2);
            second[1] = sums.GetElement(3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreDots(float* d, TVec a0, TVec a1, TVec a2, TVec a3, bool four)
    {
        d[0] = TOps.Sum(a0);
        d[1] = TOps.Sum(a1);
        if (four)
        {
            d[2] = TOps.Sum(a2);
            d[3] = TOps.Sum(a3);
        }
    }
}
