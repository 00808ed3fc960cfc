using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// The update of <see cref="ISgnsKernel.TrainHidden"/>'s parts. Each pass over the rows carries a chain of adds into
/// the gradient per chunk, so a pass costs at least one add's latency per row however few chunks it carries; a masked
/// tail pass of its own (dim 100 at 16 lanes: three pairs, then 4 floats) cost as much as a pair's. The tail therefore
/// rides in the last pass with the one or two whole chunks before it (perf and in-process A/B, wiki10m CBOW HS:
/// bench/results/hs-prefetch-2026-11-29.md).
/// </summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    /// <summary>
    /// Per chunk, in the scalar kernel's order: e += g_k·out_k; out_k += g_k·h for k = 0..rows−1. h and e are padded
    /// scratch; the rows are read and written only up to the dim. Every element sees the same operations in the same
    /// order, whichever pass carries its chunk.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void HiddenUpdate(float* hidden, float* gradient, float** outputs, float* gradients, int rows, int dim)
    {
        int whole = dim - dim % TOps.Count;
        int tail = dim - whole;
        TVec mask = tail > 0 ? TOps.TailMask(tail) : default;
        int j = 0;
        for (; j <= whole - 2 * TOps.Count && !(tail > 0 && j == whole - 2 * TOps.Count); j += 2 * TOps.Count)
        {
            UpdateChunks(hidden, gradient, outputs, gradients, rows, j, two: true, masked: false, mask, tail);
        }

        if (whole - j == 2 * TOps.Count)
        {
            UpdateChunks(hidden, gradient, outputs, gradients, rows, j, two: true, masked: true, mask, tail);
        }
        else if (whole - j == TOps.Count && tail > 0)
        {
            UpdateChunks(hidden, gradient, outputs, gradients, rows, j, two: false, masked: true, mask, tail);
        }
        else if (whole - j == TOps.Count)
        {
            TOps.Store(UpdateRows(TOps.Load(hidden + j), TOps.Load(gradient + j), outputs, gradients, rows, j), gradient + j);
        }
        else if (tail > 0)
        {
            TOps.Store(UpdateRowsTail(TOps.Load(hidden + j), TOps.Load(gradient + j), outputs, gradients, rows, j, mask, tail), gradient + j);
        }
    }

    /// <summary>
    /// One pass over the rows for the whole chunk at <paramref name="j"/>, the next one when <paramref name="two"/>,
    /// and then the masked tail when <paramref name="masked"/>. Inlined with both flags constant, so each call site
    /// compiles to its own loop with the chunks' chains in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateChunks(float* hidden, float* gradient, float** outputs, float* gradients, int rows, int j, bool two, bool masked, TVec mask, int tail)
    {
        int t = j + (two ? 2 : 1) * TOps.Count;
        TVec h0 = TOps.Load(hidden + j), h1 = two ? TOps.Load(hidden + j + TOps.Count) : default, h2 = masked ? TOps.Load(hidden + t) : default;
        TVec e0 = TOps.Load(gradient + j), e1 = two ? TOps.Load(gradient + j + TOps.Count) : default, e2 = masked ? TOps.Load(gradient + t) : default;
        for (int k = 0; k < rows; k++)
        {
            float* o = outputs[k];
            TVec g = TOps.Create(gradients[k]);
            TVec v0 = TOps.Load(o + j);
            e0 = TOps.Add(e0, TOps.Multiply(g, v0));
            TOps.Store(TOps.Add(v0, TOps.Multiply(g, h0)), o + j);
            if (two)
            {
                TVec v1 = TOps.Load(o + j + TOps.Count);
                e1 = TOps.Add(e1, TOps.Multiply(g, v1));
                TOps.Store(TOps.Add(v1, TOps.Multiply(g, h1)), o + j + TOps.Count);
            }

            if (masked)
            {
                TVec v2 = TOps.LoadTail(o + t, mask, tail);
                e2 = TOps.Add(e2, TOps.Multiply(g, v2));
                TOps.StoreTail(o + t, TOps.Add(v2, TOps.Multiply(g, h2)), mask, tail);
            }
        }

        TOps.Store(e0, gradient + j);
        if (two)
        {
            TOps.Store(e1, gradient + j + TOps.Count);
        }

        if (masked)
        {
            TOps.Store(e2, gradient + t);
        }
    }
}
