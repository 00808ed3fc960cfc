using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// The dots of <see cref="ISgnsKernel.TrainHidden"/>'s parts: one hidden vector against eight rows at a time, the
/// eight sums reduced together by <see cref="StoreSums"/>' permute tree and stored as one vector. With a horizontal sum
/// per row (<c>Dots</c>) the sums cost twice the products at dim 100 (perf, wiki10m CBOW with hierarchical softmax:
/// 12 % of the kernel against 5 %), and the sigmoid step's vector load of dots written one float at a time could not
/// be forwarded from the stores.
/// </summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    /// <summary>
    /// dots[k] = hidden·outputs[k] for k &lt; rows. A last tile of at most four rows is a four-row tile (a path of 12
    /// nodes loaded and multiplied 16 rows' worth otherwise); a short tile repeats the last row, so the slots up to
    /// round4(rows) are written (the scratch is padded to 16) and never read as dots. The hidden vector is padded
    /// scratch: its lanes past the dim hold zeros, but the rows are read only up to the dim.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void HiddenDots(float* hidden, float** outputs, float* dots, int rows, int dim)
    {
        int last = rows - 1;
        int k = 0;
        for (; k < rows - 4; k += 8)
        {
            DotTile(hidden, outputs[k], outputs[Math.Min(k + 1, last)], outputs[Math.Min(k + 2, last)], outputs[Math.Min(k + 3, last)],
                outputs[Math.Min(k + 4, last)], outputs[Math.Min(k + 5, last)], outputs[Math.Min(k + 6, last)], outputs[Math.Min(k + 7, last)], dots + k, dim, four: false);
        }

        if (k < rows)
        {
            DotTile(hidden, outputs[k], outputs[Math.Min(k + 1, last)], outputs[Math.Min(k + 2, last)], outputs[Math.Min(k + 3, last)], null, null, null, null,
                dots + k, dim, four: true);
        }
    }

    /// <summary>
    /// The dots of eight rows, or of o0..o3 alone when <paramref name="four"/> (then o4..o7 are not read and the four
    /// unused sums of the permute tree are zero and not stored). Inlined with <paramref name="four"/> constant.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotTile(float* hidden, float* o0, float* o1, float* o2, float* o3, float* o4, float* o5, float* o6, float* o7, float* dots, int dim, bool four)
    {
        TVec a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        int j = 0;
        for (; j <= dim - TOps.Count; j += TOps.Count)
        {
            AccumulateEight(TOps.Load(hidden + j), o0, o1, o2, o3, o4, o5, o6, o7, j, default, 0, masked: false, four,
                ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
        }

        if (j < dim)
        {
            int tail = dim - j;
            AccumulateEight(TOps.Load(hidden + j), o0, o1, o2, o3, o4, o5, o6, o7, j, TOps.TailMask(tail), tail, masked: true, four,
                ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
        }

        StoreSums(a0, a1, a2, a3, b0, b1, b2, b3, dots, dots + 4, both: !four);
    }

    /// <summary>
    /// Adds one chunk at <paramref name="j"/> of eight rows (four when <paramref name="four"/>) times the hidden chunk
    /// <paramref name="x"/> (whole: the hidden vector is padded scratch) to the sums; the rows are read only up to the
    /// dim. Inlined with <paramref name="masked"/> and <paramref name="four"/> constant, as <c>AccumulateChunk</c> is
    /// for the batched tiles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateEight(TVec x, float* o0, float* o1, float* o2, float* o3, float* o4, float* o5, float* o6, float* o7,
        int j, TVec mask, int tail, bool masked, bool four, ref TVec a0, ref TVec a1, ref TVec a2, ref TVec a3, ref TVec b0, ref TVec b1, ref TVec b2, ref TVec b3)
    {
        a0 = TOps.MultiplyAdd(x, Load(o0 + j, mask, tail, masked), a0);
        a1 = TOps.MultiplyAdd(x, Load(o1 + j, mask, tail, masked), a1);
        a2 = TOps.MultiplyAdd(x, Load(o2 + j, mask, tail, masked), a2);
        a3 = TOps.MultiplyAdd(x, Load(o3 + j, mask, tail, masked), a3);
        if (four)
        {
            return;
        }

        b0 = TOps.MultiplyAdd(x, Load(o4 + j, mask, tail, masked), b0);
        b1 = TOps.MultiplyAdd(x, Load(o5 + j, mask, tail, masked), b1);
        b2 = TOps.MultiplyAdd(x, Load(o6 + j, mask, tail, masked), b2);
        b3 = TOps.MultiplyAdd(x, Load(o7 + j, mask, tail, masked), b3);
    }
}
