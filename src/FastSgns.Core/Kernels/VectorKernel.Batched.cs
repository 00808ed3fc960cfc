using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// <see cref="IBatchedSgnsKernel"/> with the vectors of <typeparamref name="TOps"/>, register-blocked. Over zero-padded
/// rows (<see cref="KernelContext.ZeroPadding"/>, training's matrices) every chunk is a whole vector, no mask: the
/// B×(M+1) dots in 2 × 6 tiles for M+1 = 5, 6 (else 2 × 4 and 2 × 2; <c>VectorKernel.BatchDots.cs</c>), then the
/// one-pass update (<c>VectorKernel.FusedUpdate.cs</c>): per chunk, the targets' chunks and ΔO accumulators stay in
/// registers while each context's chunk is loaded once and receives C + ΔC. Otherwise (rows of exactly Dim floats,
/// or padding the caller does not vouch for) the masked path: tiles of four targets and then two per chunk, ΔC and
/// ΔO through scratch and added at the end. Short tiles repeat the last row (with gradient 0 in the update), so
/// either update is bit-identical to <see cref="ScalarKernel"/>'s given the same gradients, and both paths give the
/// same dots. The next batches' rows are prefetched while this one trains (<see cref="RowPrefetch.Batches"/>), past
/// the trained batches into the next sentence's (<see cref="TrainFirstBatches"/>).
/// </summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    public float TrainBatches(in KernelContext context, ReadOnlySpan<int> contexts, ReadOnlySpan<int> offsets, ReadOnlySpan<int> targets, int negatives, float alpha) =>
        TrainFirstBatches(context, contexts, offsets, targets, negatives, alpha, offsets.Length - 1);

    /// <inheritdoc/>
    // Never inlined into the caller and compiled fully optimized at once, for the reasons TrainPairs gives.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public float TrainFirstBatches(in KernelContext context, ReadOnlySpan<int> contexts, ReadOnlySpan<int> offsets, ReadOnlySpan<int> targets, int negatives, float alpha, int trained)
    {
        BatchedArguments.Validate(context, contexts, offsets, targets, negatives);
        ArgumentOutOfRangeException.ThrowIfNegative(trained);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trained, offsets.Length - 1);
        int rows = negatives + 1;
        int batches = offsets.Length - 1;
        // Whole vectors over zero padding when the rows have it (chosen once per call), else masked tails at Dim.
        int width = KernelWorkspace.RoundUp(context.Dim, TOps.Count);
        width = context.ZeroPadding && width <= context.Stride ? width : 0;
        // Each context's loss is added lane by lane here and summed once at the end (BatchGradients).
        float* losses = stackalloc float[KernelWorkspace.MaxVectorFloats];
        for (int l = 0; l < KernelWorkspace.MaxVectorFloats; l++)
        {
            losses[l] = 0;
        }

        fixed (int* contextIds = contexts)
        fixed (int* targetIds = targets)
        fixed (int* offsetIds = offsets)
        {
            for (int b = 0; b < trained; b++)
            {
                RowPrefetch.Batches(context, contextIds, offsetIds, targetIds, rows, b, batches);

                int count = offsetIds[b + 1] - offsetIds[b];
                if (count > 0)
                {
                    TrainBatch(context, contextIds + offsetIds[b], count, targetIds + (long)b * rows, rows, alpha, width, losses);
                }
            }
        }

        float loss = 0;
        for (int l = 0; l < KernelWorkspace.MaxVectorFloats; l++)
        {
            loss += losses[l];
        }

        return loss;
    }

    // Inlined into the batch loop, as the JIT's profile-guided tier did for the twin kernels (left to it, the generic
    // version kept a call per batch; bench/results/kernel-pairs-inlining-2026-11-28.md).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TrainBatch(in KernelContext c, int* contextIds, int count, int* targetIds, int rows, float alpha, int width, float* losses)
    {
        // width > 0: whole vectors over that many floats per row (zero padding), no masked tail.
        int span = width > 0 ? width : c.Dim;
        var scratch = new BatchScratch(c, count, rows);
        float* gradients = scratch.Gradients;
        int gradientStride = scratch.GradientStride;
        float** inputs = scratch.Inputs;
        float** outputs = scratch.Outputs;
        float* deltaInput = scratch.DeltaInput;
        float* deltaOutput = scratch.DeltaOutput;
        for (int i = 0; i < count; i++)
        {
            inputs[i] = c.Input + contextIds[i] * c.Stride;
        }

        for (int k = 0; k < rows; k++)
        {
            outputs[k] = c.Output + targetIds[k] * c.Stride;
        }

        BatchDots(inputs, outputs, gradients, gradientStride, count, rows, span, whole: width > 0);
        // The tiles' slots past the last target read gradient 0 (up to eight-wide tiles; GradientStride ≥ round16).
        int padded = KernelWorkspace.RoundUp(rows, 8);
        for (int i = 0; i < count; i++)
        {
            float* row = gradients + i * gradientStride;
            TOps.BatchGradients(c, row, row, rows, alpha, losses);
            for (int k = rows; k < padded; k++)
            {
                row[k] = 0;
            }
        }

        if (width > 0)
        {
            FusedUpdate(inputs, outputs, gradients, gradientStride, count, rows, width, RepeatsContext(contextIds, count), deltaInput, deltaOutput);
            return;
        }

        int j = 0;
        for (; j <= span - TOps.Count; j += TOps.Count)
        {
            UpdateChunk(inputs, outputs, gradients, gradientStride, count, rows, j, default, 0, masked: false, deltaInput, deltaOutput, inPlace: false);
        }

        if (j < span)
        {
            int tail = span - j;
            UpdateChunk(inputs, outputs, gradients, gradientStride, count, rows, j, TOps.TailMask(tail), tail, masked: true, deltaInput, deltaOutput, inPlace: false);
        }
    }

    /// <summary>
    /// One chunk of the dimensions: per tile of four targets, their chunks stay in registers while every context chunk
    /// streams by, adding G·O to its ΔC (kept in scratch across tiles). With <paramref name="inPlace"/> false (the
    /// shared-negative batch) G·C goes to the tile's four ΔO accumulators, and all ΔO and ΔC are added at the end, each
    /// row reloaded, so repeated rows get every delta. With <paramref name="inPlace"/> true (the labelled batch,
    /// word2vec.c's order) G·C moves the targets in registers context by context, so a later context reads the targets
    /// the earlier ones left; they are stored back (a short tile's repeated target once) and only ΔC is added at the
    /// end. Inlined with <paramref name="masked"/> and <paramref name="inPlace"/> constants, so no copy branches on
    /// them; the JIT inlines no method with more than 32 IL locals, hence <see cref="UpdateTile"/> and <see cref="AddDeltas"/> apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateChunk(float** inputs, float** outputs, float* gradients, int stride, int count, int rows, int j,
        TVec mask, int tail, bool masked, float* deltaInput, float* deltaOutput, bool inPlace)
    {
        // ΔC starts at zero, so every tile adds to it: no first-tile test inside the tiles' loops.
        for (int i = 0; i < count; i++)
        {
            TOps.Store(TOps.Create(0f), deltaInput + i * TOps.Count);
        }

        int k = 0;
        for (; k < rows - 2; k += 4)
        {
            UpdateTile(inputs, outputs, gradients, stride, count, rows, j, k, mask, tail, masked, deltaInput, deltaOutput, inPlace, four: true);
        }

        if (k < rows)
        {
            UpdateTile(inputs, outputs, gradients, stride, count, rows, j, k, mask, tail, masked, deltaInput, deltaOutput, inPlace, four: false);
        }

        AddDeltas(inputs, count, deltaInput, j, mask, tail, masked);
        if (!inPlace)
        {
            AddDeltas(outputs, rows, deltaOutput, j, mask, tail, masked);
        }
    }

    /// <summary>
    /// Targets k..k+3 of one chunk (k, k+1 alone when <paramref name="four"/> is false: the last one or two targets,
    /// a lone one paired with itself under gradient 0 and stored once in place). Inlined with constant flags, so the
    /// two-wide copy carries none of the four-wide one's loads, FMAs or stores.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateTile(float** inputs, float** outputs, float* gradients, int stride, int count, int rows, int j, int k,
        TVec mask, int tail, bool masked, float* deltaInput, float* deltaOutput, bool inPlace, bool four)
    {
        int last = rows - 1;
        TVec p0 = Load(outputs[k] + j, mask, tail, masked);
        TVec p1 = Load(outputs[Math.Min(k + 1, last)] + j, mask, tail, masked);
        TVec p2 = four ? Load(outputs[Math.Min(k + 2, last)] + j, mask, tail, masked) : default;
        TVec p3 = four ? Load(outputs[Math.Min(k + 3, last)] + j, mask, tail, masked) : default;
        TVec d0 = default, d1 = default, d2 = default, d3 = default;
        // Pointers stepped, not recomputed from i: the JIT does not strength-reduce these products itself.
        float* g = gradients + k;
        float* e = deltaInput;
        for (int i = 0; i < count; i++, g += stride, e += TOps.Count)
        {
            TVec g0 = TOps.Create(g[0]), g1 = TOps.Create(g[1]);
            TVec g2 = four ? TOps.Create(g[2]) : default, g3 = four ? TOps.Create(g[3]) : default;
            TVec x = Load(inputs[i] + j, mask, tail, masked);
            TVec error = TOps.Load(e);
            error = TOps.FusedMultiplyAdd(g0, p0, error);
            error = TOps.FusedMultiplyAdd(g1, p1, error);
            if (four)
            {
                error = TOps.FusedMultiplyAdd(g2, p2, error);
                error = TOps.FusedMultiplyAdd(g3, p3, error);
            }

            TOps.Store(error, e);
            if (inPlace)
            {
                p0 = TOps.FusedMultiplyAdd(g0, x, p0);
                p1 = TOps.FusedMultiplyAdd(g1, x, p1);
                if (four)
                {
                    p2 = TOps.FusedMultiplyAdd(g2, x, p2);
                    p3 = TOps.FusedMultiplyAdd(g3, x, p3);
                }
            }
            else
            {
                d0 = TOps.FusedMultiplyAdd(g0, x, d0);
                d1 = TOps.FusedMultiplyAdd(g1, x, d1);
                if (four)
                {
                    d2 = TOps.FusedMultiplyAdd(g2, x, d2);
                    d3 = TOps.FusedMultiplyAdd(g3, x, d3);
                }
            }
        }

        if (inPlace)
        {
            // Four-wide, k + 2 < rows always; only the last slot may repeat a row already stored.
            Store(outputs[k] + j, p0, mask, tail, masked);
            if (k + 1 < rows)
            {
                Store(outputs[k + 1] + j, p1, mask, tail, masked);
            }

            if (four)
            {
                Store(outputs[k + 2] + j, p2, mask, tail, masked);
                if (k + 3 < rows)
                {
                    Store(outputs[k + 3] + j, p3, mask, tail, masked);
                }
            }

            return;
        }

        float* o = deltaOutput + k * TOps.Count;
        TOps.Store(d0, o);
        TOps.Store(d1, o + TOps.Count);
        if (four)
        {
            TOps.Store(d2, o + 2 * TOps.Count);
            TOps.Store(d3, o + 3 * TOps.Count);
        }
    }

    /// <summary>Adds each row's chunk of deltas to its chunk at <paramref name="j"/>, reloading it, in row order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddDeltas(float** rows, int count, float* deltas, int j, TVec mask, int tail, bool masked)
    {
        for (int r = 0; r < count; r++)
        {
            float* row = rows[r] + j;
            Store(row, TOps.Add(Load(row, mask, tail, masked), TOps.Load(deltas + r * TOps.Count)), mask, tail, masked);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Load(float* source, TVec mask, int tail, bool masked) => masked ? TOps.LoadTail(source, mask, tail) : TOps.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* destination, TVec value, TVec mask, int tail, bool masked)
    {
        if (masked)
        {
            TOps.StoreTail(destination, value, mask, tail);
        }
        else
        {
            TOps.Store(value, destination);
        }
    }
}
