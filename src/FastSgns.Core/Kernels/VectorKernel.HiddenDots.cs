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
                TVec x = TOps.Load(hidden + j);
                a0 = TOps.MultiplyAdd(x, TOps.Load(o0 + j), a0);
                a1 = TOps.MultiplyAdd(x, TOps.Load(o1 + j), a1);
                a2 = TOps.MultiplyAdd(x, TOps.Load(o2 + j), a2);
                a3 = TOps.MultiplyAdd(x, TOps.Load(o3 + j), a3);
                b0 = TOps.MultiplyAdd(x, TOps.Load(o4 + j), b0);
                b1 = TOps.MultiplyAdd(x, TOps.Load(o5 + j), b1);
                b2 = TOps.MultiplyAdd(x, TOps.Load(o6 + j), b2);
                b3 = TOps.MultiplyAdd(x, TOps.Load(o7 + j), b3);
            }

            if (j < dim)
            {
                int tail = dim - j;
                TVec mask = TOps.TailMask(tail);
                TVec x = TOps.Load(hidden + j);
                a0 = TOps.MultiplyAdd(x, TOps.LoadTail(o0 + j, mask, tail), a0);
                a1 = TOps.MultiplyAdd(x, TOps.LoadTail(o1 + j, mask, tail), a1);
                a2 = TOps.MultiplyAdd(x, TOps.LoadTail(o2 + j, mask, tail), a2);
                a3 = TOps.MultiplyAdd(x, TOps.LoadTail(o3 + j, mask, tail), a3);
                b0 = TOps.MultiplyAdd(x, TOps.LoadTail(o4 + j, mask, tail), b0);
                b1 = TOps.MultiplyAdd(x, TOps.LoadTail(o5 + j, mask, tail), b1);
                b2 = TOps.MultiplyAdd(x, TOps.LoadTail(o6 + j, mask, tail), b2);
                b3 = TOps.MultiplyAdd(x, TOps.LoadTail(o7 + j, mask, tail), b3);
            }

            StoreSums(a0, a1, a2, a3, b0, b1, b2, b3, dots + k, dots + k + 4, both: true);
        }
    }
}
