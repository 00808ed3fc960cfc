using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastSgns.Kernels;

/// <summary>
/// A pair's update row by row rather than chunk by chunk, where the input row fits in registers. Every element still
/// sees the scalar kernel's operations in its order (error += g_k·out_k, then out_k += g_k·in, for k = 0..M, then
/// in += error), so the result is bit-identical to <see cref="Update"/>: only the order in which different elements
/// are visited changes. A duplicate target still finds, in every element, what the earlier row stored there. Row by
/// row, each row's pointer and gradient are read once instead of once per chunk, and the chunks of a row are
/// independent of each other; the input row and the error stay in registers throughout.
/// </summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    /// <summary>Whole chunks the row-by-row update keeps in registers (besides a tail): 8 × 16 floats at 512 bits.</summary>
    private const int RegisterChunks = 8;

    /// <summary>The pair's update: row by row for 512-bit vectors up to dim 128, else <see cref="Update"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PairUpdate(float* input, float** outputs, float* gradients, int rows, int dim)
    {
        // 32 vector registers hold the 2 × 9 of this path; 16 (256 bits and narrower) would spill.
        bool wide = typeof(TVec) == typeof(Vector512<float>);
        int full = dim / TOps.Count;
        int tail = dim - full * TOps.Count;
        if (!wide || full > RegisterChunks || (full == RegisterChunks && tail > 0))
        {
            Update(input, outputs, gradients, rows, dim);
            return;
        }

        TVec x0 = full > 0 ? TOps.Load(input) : default;
        TVec x1 = full > 1 ? TOps.Load(input + TOps.Count) : default;
        TVec x2 = full > 2 ? TOps.Load(input + 2 * TOps.Count) : default;
        TVec x3 = full > 3 ? TOps.Load(input + 3 * TOps.Count) : default;
        TVec x4 = full > 4 ? TOps.Load(input + 4 * TOps.Count) : default;
        TVec x5 = full > 5 ? TOps.Load(input + 5 * TOps.Count) : default;
        TVec x6 = full > 6 ? TOps.Load(input + 6 * TOps.Count) : default;
        TVec x7 = full > 7 ? TOps.Load(input + 7 * TOps.Count) : default;
        int last = full * TOps.Count;
        TVec mask = tail > 0 ? TOps.TailMask(tail) : default;
        TVec xt = tail > 0 ? TOps.LoadTail(input + last, mask, tail) : default;
        TVec e0 = default, e1 = default, e2 = default, e3 = default, e4 = default, e5 = default, e6 = default, e7 = default, et = default;
        for (int k = 0; k < rows; k++)
        {
            float* o = outputs[k];
            TVec g = TOps.Create(gradients[k]);
            if (full > 0) e0 = Step(e0, x0, g, o);
            if (full > 1) e1 = Step(e1, x1, g, o + TOps.Count);
            if (full > 2) e2 = Step(e2, x2, g, o + 2 * TOps.Count);
            if (full > 3) e3 = Step(e3, x3, g, o + 3 * TOps.Count);
            if (full > 4) e4 = Step(e4, x4, g, o + 4 * TOps.Count);
            if (full > 5) e5 = Step(e5, x5, g, o + 5 * TOps.Count);
            if (full > 6) e6 = Step(e6, x6, g, o + 6 * TOps.Count);
            if (full > 7) e7 = Step(e7, x7, g, o + 7 * TOps.Count);
            if (tail > 0)
            {
                float* ot = o + last;
                TVec value = TOps.LoadTail(ot, mask, tail);
                et = TOps.Add(et, TOps.Multiply(g, value));
                TOps.StoreTail(ot, TOps.Add(value, TOps.Multiply(g, xt)), mask, tail);
            }
        }

        if (full > 0) TOps.Store(TOps.Add(x0, e0), input);
        if (full > 1) TOps.Store(TOps.Add(x1, e1), input + TOps.Count);
        if (full > 2) TOps.Store(TOps.Add(x2, e2), input + 2 * TOps.Count);
        if (full > 3) TOps.Store(TOps.Add(x3, e3), input + 3 * TOps.Count);
        if (full > 4) TOps.Store(TOps.Add(x4, e4), input + 4 * TOps.Count);
        if (full > 5) TOps.Store(TOps.Add(x5, e5), input + 5 * TOps.Count);
        if (full > 6) TOps.Store(TOps.Add(x6, e6), input + 6 * TOps.Count);
        if (full > 7) TOps.Store(TOps.Add(x7, e7), input + 7 * TOps.Count);
        if (tail > 0) TOps.StoreTail(input + last, TOps.Add(xt, et), mask, tail);
    }

    /// <summary>One whole chunk of one output row: error += g·out; out += g·x (separate multiplies and adds, as the scalar kernel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Step(TVec error, TVec x, TVec g, float* o)
    {
        TVec value = TOps.Load(o);
        TOps.Store(TOps.Add(value, TOps.Multiply(g, x)), o);
        return TOps.Add(error, TOps.Multiply(g, value));
    }
}
