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
    /// dots[k] = hidden·outputs[k] for k &lt; rows; a short last tile repeats the last row, so the slots up to
    /// round8(rows) are written (the scratch is padded to 16) and never read as dots. The hidden vector is padded
    /// scratch: its lanes past the dim hold zeros, but the rows are read only up to the dim.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void HiddenDots(float* hidden, float** outputs, float* dots, int rows, int dim)
    {
        int last = rows - 1;
        for (int k = 0; k < rows; k += 8)
        {
            float* o0 = outputs[k], o1 = outputs[Math.Min(k + 1, last)], o2 = outputs[Math.Min(k + 2, last)], o3 = outputs[Math.Min(k + 3, last)];
            float* o4 = outputs[Math.Min(k + 4, last)], o5 = outputs[Math.Min(k + 5, last)], o6 = outputs[Math.Min(k + 6, last)], o7 = outputs[Math.Min(k + 7, last)];
            TVec a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
            int j = 0;
            for (; j <= dim - TOps.Count; j += TOps.Count)
            {
                AccumulateEight(TOps.Load(hidden + j), o0, o1, o2, o3, o4, o5, o6, o7, j, default, 0, masked: false,
                    ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
            }

            if (j < dim)
            {
                int tail = dim - j;
                AccumulateEight(TOps.Load(hidden + j), o0, o1, o2, o3, o4, o5, o6, o7, j, TOps.TailMask(tail), tail, masked: true,
                    ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
            }

            StoreSums(a0, a1, a2, a3, b0, b1, b2, b3, dots + k, dots + k + 4, both: true);
        }
    }

    /// <summary>
    /// Adds one chunk at <paramref name="j"/> of eight rows times the hidden chunk <paramref name="x"/> (whole: the
    /// hidden vector is padded scratch) to the eight sums; the rows are read only up to the dim. Inlined with
    /// <paramref name="masked"/> constant, as <c>AccumulateChunk</c> is for the batched tiles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateEight(TVec x, float* o0, float* o1, float* o2, float* o3, float* o4, float* o5, float* o6, float* o7,
        int j, TVec mask, int tail, bool masked, ref TVec a0, ref TVec a1, ref TVec a2, ref TVec a3, ref TVec b0, ref TVec b1, ref TVec b2, ref TVec b3)
    {
        a0 = TOps.MultiplyAdd(x, Load(o0 + j, mask, tail, masked), a0);
        a1 = TOps.MultiplyAdd(x, Load(o1 + j, mask, tail, masked), a1);
        a2 = TOps.MultiplyAdd(x, Load(o2 + j, mask, tail, masked), a2);
        a3 = TOps.MultiplyAdd(x, Load(o3 + j, mask, tail, masked), a3);
        b0 = TOps.MultiplyAdd(x, Load(o4 + j, mask, tail, masked), b0);
        b1 = TOps.MultiplyAdd(x, Load(o5 + j, mask, tail, masked), b1);
        b2 = TOps.MultiplyAdd(x, Load(o6 + j, mask, tail, masked), b2);
        b3 = TOps.MultiplyAdd(x, Load(o7 + j, mask, tail, masked), b3);
    }
}
