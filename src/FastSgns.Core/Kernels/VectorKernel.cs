using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// <see cref="ScalarKernel"/>'s semantics with the vectors of <typeparamref name="TOps"/>: the M+1 dot products four
/// rows at a time, the sigmoid step by gathers (<see cref="IVectorOps{TVec}.Gradients"/>), then one fused pass over
/// the dimensions that updates the output rows and the input row chunk by chunk. The update pass uses separate
/// multiplies and adds in the scalar kernel's order, so given the same gradients every element ends bit-identical to
/// the scalar kernel's. Tails are masked or exact-length, so no row is read or written past
/// <see cref="KernelContext.Dim"/>. Written once for every width; <see cref="KernelRegistry"/> lists it as avx512
/// (<see cref="Avx512Ops"/>), avx2 (<see cref="Avx2Ops"/>) and vector128 (<see cref="Vector128Ops"/>).
/// </summary>
[SkipLocalsInit]
internal sealed unsafe partial class VectorKernel<TOps, TVec> : IBatchedSgnsKernel
    where TOps : struct, IVectorOps<TVec>
    where TVec : unmanaged
{
    public string Name => TOps.Name;

    public bool IsSupported => TOps.IsSupported;

    // Never inlined into the caller: training's PairStep is one small loop around this call, and with profile-guided
    // devirtualization the JIT inlined this method there, then ran out of inlining budget and left Dots, the sigmoid
    // step, Update and the prefetch as four calls per pair (bench/results/kernel-pairs-inlining-2026-11-28.md). As its
    // own method (one call per sentence) it inlines all four. Compiled fully optimized at its first call rather than
    // tiered: called once per sentence, it otherwise ran unoptimized (then instrumented) code for the first half
    // second, and with every core training, the tiering thread that replaces it had to preempt a worker to do so
    // (bench/results/redesign-warmup-2026-11-28.md). Its SIMD loops gain nothing from a profile. Everything it calls
    // must be AggressiveInlining: a callee left as a call is tiered on its own and runs unoptimized meanwhile.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public float TrainPairs(in KernelContext context, ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int negatives, float alpha)
    {
        PairArguments.Validate(context, inputs, targets, negatives);
        int rows = negatives + 1;
        var scratch = new PairScratch(context, rows);
        float* dots = scratch.Dots;
        float* gradients = scratch.Gradients;
        float** outputs = scratch.Outputs;
        float loss = 0;
        fixed (int* targetIds = targets)
        {
            for (int p = 0; p < inputs.Length; p++)
            {
                int* ids = targetIds + (long)p * rows;
                if (p + 1 < inputs.Length)
                {
                    RowPrefetch.Pair(context, inputs[p + 1], ids + rows, rows, ids[0]);
                }

                for (int k = 0; k < rows; k++)
                {
                    outputs[k] = context.Output + ids[k] * context.Stride;
                }

                float* input = context.Input + inputs[p] * context.Stride;
                loss += PairGradients(context, input, outputs, dots, gradients, rows, alpha);
                PairUpdate(input, outputs, gradients, rows, context.Dim);
            }
        }

        return loss;
    }

    /// <summary>dots[k] = input · outputs[k] for every k, four rows per sweep so each input chunk is loaded once per four.</summary>
    // Inlined into the pair loop, as the JIT's profile-guided tier did for the twin kernels it replaced: left to the
    // JIT, the generic TrainPairs kept two calls per pair (bench/results/kernel-pairs-inlining-2026-11-28.md).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dots(float* input, float** outputs, float* dots, int rows, int dim)
    {
        int k = 0;
        for (; k <= rows - 4; k += 4)
        {
            DotTile(input, outputs[k], outputs[k + 1], outputs[k + 2], outputs[k + 3], dim, out TVec a0, out TVec a1, out TVec a2, out TVec a3);
            dots[k] = TOps.Sum(a0);
            dots[k + 1] = TOps.Sum(a1);
            dots[k + 2] = TOps.Sum(a2);
            dots[k + 3] = TOps.Sum(a3);
        }

        for (; k < rows; k++)
        {
            dots[k] = TOps.Sum(LoneDot(input, outputs[k], dim));
        }
    }

    /// <summary>The four accumulators of input · o0..o3, one per row, each input chunk loaded once for the four.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotTile(float* input, float* o0, float* o1, float* o2, float* o3, int dim, out TVec a0, out TVec a1, out TVec a2, out TVec a3)
    {
        a0 = default;
        a1 = default;
        a2 = default;
        a3 = default;
        int j = 0;
        for (; j <= dim - TOps.Count; j += TOps.Count)
        {
            TVec x = TOps.Load(input + j);
            a0 = TOps.MultiplyAdd(x, TOps.Load(o0 + j), a0);
            a1 = TOps.MultiplyAdd(x, TOps.Load(o1 + j), a1);
            a2 = TOps.MultiplyAdd(x, TOps.Load(o2 + j), a2);
            a3 = TOps.MultiplyAdd(x, TOps.Load(o3 + j), a3);
        }

        if (j < dim)
        {
            int tail = dim - j;
            TVec mask = TOps.TailMask(tail);
            TVec x = TOps.LoadTail(input + j, mask, tail);
            a0 = TOps.MultiplyAdd(x, TOps.LoadTail(o0 + j, mask, tail), a0);
            a1 = TOps.MultiplyAdd(x, TOps.LoadTail(o1 + j, mask, tail), a1);
            a2 = TOps.MultiplyAdd(x, TOps.LoadTail(o2 + j, mask, tail), a2);
            a3 = TOps.MultiplyAdd(x, TOps.LoadTail(o3 + j, mask, tail), a3);
        }
    }

    /// <summary>The accumulator of input · o for a row outside a tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec LoneDot(float* input, float* o, int dim)
    {
        // Two accumulators halve the FMA latency chain of a lone row.
        TVec a0 = default, a1 = default;
        int j = 0;
        for (; j <= dim - 2 * TOps.Count; j += 2 * TOps.Count)
        {
            a0 = TOps.MultiplyAdd(TOps.Load(input + j), TOps.Load(o + j), a0);
            a1 = TOps.MultiplyAdd(TOps.Load(input + j + TOps.Count), TOps.Load(o + j + TOps.Count), a1);
        }

        for (; j < dim; j += TOps.Count)
        {
            int tail = dim - j;
            TVec mask = TOps.TailMask(tail);
            a0 = TOps.MultiplyAdd(TOps.LoadTail(input + j, mask, tail), TOps.LoadTail(o + j, mask, tail), a0);
        }

        return TOps.Add(a0, a1);
    }

    /// <summary>
    /// Per chunk of the dimensions, in the scalar kernel's order: e += g_k·out_k; out_k += g_k·in for k = 0..M,
    /// then in += e. A duplicate target reloads what the previous k stored, exactly as the scalar loop does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* input, float** outputs, float* gradients, int rows, int dim)
    {
        int j = 0;
        for (; j <= dim - TOps.Count; j += TOps.Count)
        {
            TVec x = TOps.Load(input + j);
            TVec error = UpdateRows(x, default, outputs, gradients, rows, j);
            TOps.Store(TOps.Add(x, error), input + j);
        }

        if (j < dim)
        {
            int tail = dim - j;
            TVec mask = TOps.TailMask(tail);
            TVec x = TOps.LoadTail(input + j, mask, tail);
            TVec error = UpdateRowsTail(x, default, outputs, gradients, rows, j, mask, tail);
            TOps.StoreTail(input + j, TOps.Add(x, error), mask, tail);
        }
    }

    /// <summary>
    /// One whole chunk at column j of every output row, in the scalar kernel's order: for k = 0..rows−1,
    /// error += g_k·out_k, then out_k += g_k·x. Returns the error. Shared by the pairs (<see cref="Update"/>) and the
    /// hidden path (HiddenUpdate); inlined, so each loop compiles as if written out in place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec UpdateRows(TVec x, TVec error, float** outputs, float* gradients, int rows, int j)
    {
        for (int k = 0; k < rows; k++)
        {
            float* o = outputs[k] + j;
            TVec g = TOps.Create(gradients[k]);
            TVec value = TOps.Load(o);
            error = TOps.Add(error, TOps.Multiply(g, value));
            TOps.Store(TOps.Add(value, TOps.Multiply(g, x)), o);
        }

        return error;
    }

    /// <summary><see cref="UpdateRows"/> for the last <paramref name="tail"/> columns: the rows are read and written only up to dim.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec UpdateRowsTail(TVec x, TVec error, float** outputs, float* gradients, int rows, int j, TVec mask, int tail)
    {
        for (int k = 0; k < rows; k++)
        {
            float* o = outputs[k] + j;
            TVec g = TOps.Create(gradients[k]);
            TVec value = TOps.LoadTail(o, mask, tail);
            error = TOps.Add(error, TOps.Multiply(g, value));
            TOps.StoreTail(o, TOps.Add(value, TOps.Multiply(g, x)), mask, tail);
        }

        return error;
    }
}
