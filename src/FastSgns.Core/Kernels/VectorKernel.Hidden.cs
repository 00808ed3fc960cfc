using System.Runtime.CompilerServices;
using FastSgns.Interop;

namespace FastSgns.Kernels;

internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    /// <summary>
    /// <see cref="ISgnsKernel.TrainHidden"/>: the hidden vector summed (and scaled) chunk by chunk in the scalar
    /// kernel's order, each part's dots eight rows at a time (<see cref="HiddenDots"/>), the labelled sigmoid step by gathers,
    /// then one fused pass per part that updates the rows and the gradient in the scalar order, and the gradient added
    /// to every input row (<see cref="AddToInputs"/>). The next example's rows are prefetched while this one computes. Given the same dots every
    /// element ends bit-identical to the scalar kernel's.
    /// </summary>
    public float TrainHidden(in KernelContext context, in HiddenBatch batch, float alpha)
    {
        var examples = new HiddenExamples(context, HiddenArguments.Validate(context, batch), alpha);
        return PinnedHiddenBatch.Pin(context, batch, ref examples);
    }

    /// <summary><see cref="TrainHidden"/>'s loop over the examples of a pinned batch; <paramref name="rows"/> is R of <see cref="HiddenScratch"/>.</summary>
    private readonly struct HiddenExamples(KernelContext context, int rows, float alpha) : IPinnedHiddenBody
    {
        // Compiled fully optimized at its first call, for the reason VectorKernel.TrainPairs gives.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public float Run(in NativeHiddenBatch batch)
        {
            var scratch = new HiddenScratch(context, rows);
            int dim = context.Dim;
            long stride = context.Stride;
            int* inputIds = batch.Inputs, inputOffsets = batch.InputOffsets;
            int* nodeIds = batch.Nodes, nodeOffsets = batch.NodeOffsets, targetIds = batch.Targets;
            float* nodeLabels = batch.NodeLabels;
            bool tree = nodeOffsets != null;
            bool negatives = targetIds != null;
            bool gensimTargets = batch.GensimTargets;
            int parts = batch.Negatives + 1;
            for (int k = 0; k < parts && negatives; k++)
            {
                scratch.Labels[k] = k == 0 ? 1f : 0f;
            }

            float loss = 0;
            long examples = batch.ExampleCount;
            int levels = PathPrefetchDepth.Levels(stride);
            for (int e = 0; e < examples; e++)
            {
                int* nextPath = null;
                int nextRows = 0;
                if (e + 1 < examples)
                {
                    int at = inputOffsets[e], next = inputOffsets[e + 1], after = inputOffsets[e + 2];
                    // The next example's inputs after this one's last are new: CBOW's window slides right, so the ones
                    // before were inputs of the examples just trained (skip-gram's one input is new unless repeated).
                    for (int i = after - 1, last = inputIds[next - 1]; i >= next && inputIds[i] != last; i--)
                    {
                        RowPrefetch.Rows(context.Input, stride, inputIds + i, 1, dim);
                    }

                    // Skip-gram's examples of one center word share its path, already in the caches: prefetch a new one only.
                    if (tree && !SamePath(nodeIds, nodeOffsets, e))
                    {
                        nextPath = nodeIds + nodeOffsets[e + 1];
                        nextRows = nodeOffsets[e + 2] - nodeOffsets[e + 1];
                    }

                    if (negatives)
                    {
                        RowPrefetch.Rows(context.Output, stride, targetIds + (long)(e + 1) * parts, parts, dim);
                    }
                }

                int* inputs = inputIds + inputOffsets[e];
                int count = inputOffsets[e + 1] - inputOffsets[e];
                Hidden(context, inputs, count, batch.Mean, scratch.Hidden, scratch.Gradient);
                if (tree)
                {
                    int from = nodeOffsets[e];
                    loss += TrainPart(context, context.Tree, scratch, nodeIds + from, nodeLabels + from, nodeOffsets[e + 1] - from, alpha, skipSaturated: true,
                        nextPath, nextRows, levels);
                }

                if (negatives)
                {
                    // Two call sites, so each inlined TrainPart sees its flags as constants and drops the other form.
                    int* targets = targetIds + (long)e * parts;
                    if (gensimTargets)
                    {
                        loss += TrainPart(context, context.Output, scratch, targets, scratch.Labels, parts, alpha, skipSaturated: true, null, 0, 0, skipRepeats: true);
                    }
                    else
                    {
                        loss += TrainPart(context, context.Output, scratch, targets, scratch.Labels, parts, alpha, skipSaturated: false, null, 0, 0);
                    }
                }

                AddToInputs(context.Input, stride, inputs, count, scratch.Gradient, dim);
            }

            return loss;
        }
    }

    /// <summary>Whether example e + 1 trains the same tree rows as example e (a heuristic for prefetching: the same length and ends).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SamePath(int* nodeIds, int* nodeOffsets, int e)
    {
        int from = nodeOffsets[e], next = nodeOffsets[e + 1], end = nodeOffsets[e + 2];
        return next - from == end - next && next > from && nodeIds[from] == nodeIds[next] && nodeIds[next - 1] == nodeIds[end - 1];
    }

    /// <summary>
    /// hidden = (row_0 + row_1 + … in order)·(1/count when mean), and gradient = 0. Four chunks per pass over the rows,
    /// each row's address computed once per pass: chunk by chunk, the sum reloaded the matrix and stride and
    /// recomputed every row's address per chunk (perf, wiki10m CBOW HS: the sum was a tenth of the kernel). Every
    /// element is the same sum in the same order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Hidden(in KernelContext c, int* inputs, int count, bool mean, float* hidden, float* gradient)
    {
        int dim = c.Dim;
        float* input = c.Input;
        long stride = c.Stride;
        TVec scale = TOps.Create(1f / count);
        int j = 0;
        for (; j <= dim - 4 * TOps.Count; j += 4 * TOps.Count)
        {
            float* first = input + inputs[0] * stride + j;
            TVec h0 = TOps.Load(first), h1 = TOps.Load(first + TOps.Count), h2 = TOps.Load(first + 2 * TOps.Count), h3 = TOps.Load(first + 3 * TOps.Count);
            for (int i = 1; i < count; i++)
            {
                float* row = input + inputs[i] * stride + j;
                h0 = TOps.Add(h0, TOps.Load(row));
                h1 = TOps.Add(h1, TOps.Load(row + TOps.Count));
                h2 = TOps.Add(h2, TOps.Load(row + 2 * TOps.Count));
                h3 = TOps.Add(h3, TOps.Load(row + 3 * TOps.Count));
            }

            StoreHidden(h0, mean, scale, hidden + j, gradient + j);
            StoreHidden(h1, mean, scale, hidden + j + TOps.Count, gradient + j + TOps.Count);
            StoreHidden(h2, mean, scale, hidden + j + 2 * TOps.Count, gradient + j + 2 * TOps.Count);
            StoreHidden(h3, mean, scale, hidden + j + 3 * TOps.Count, gradient + j + 3 * TOps.Count);
        }

        for (; j <= dim - TOps.Count; j += TOps.Count)
        {
            TVec h = TOps.Load(input + inputs[0] * stride + j);
            for (int i = 1; i < count; i++)
            {
                h = TOps.Add(h, TOps.Load(input + inputs[i] * stride + j));
            }

            StoreHidden(h, mean, scale, hidden + j, gradient + j);
        }

        if (j < dim)
        {
            int tail = dim - j;
            TVec mask = TOps.TailMask(tail);
            TVec h = TOps.LoadTail(input + inputs[0] * stride + j, mask, tail);
            for (int i = 1; i < count; i++)
            {
                h = TOps.Add(h, TOps.LoadTail(input + inputs[i] * stride + j, mask, tail));
            }

            // The scratch is padded to 16 floats, so whole vectors fit; the lanes past dim hold zeros.
            StoreHidden(h, mean, scale, hidden + j, gradient + j);
        }
    }

    /// <summary>One chunk of the hidden vector (scaled when <paramref name="mean"/>) and a zero chunk of the gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreHidden(TVec sum, bool mean, TVec scale, float* hidden, float* gradient)
    {
        TOps.Store(mean ? TOps.Multiply(sum, scale) : sum, hidden);
        TOps.Store(default, gradient);
    }

    /// <summary>
    /// One part of an example: its dots, sigmoid step and update. The next path's new rows (<paramref name="nextPath"/>,
    /// when not null) below the top <paramref name="levels"/> (<see cref="PathPrefetchDepth"/>) are prefetched after the dots, not before: issued at the example's start, the burst of a path's
    /// misses filled the core's miss buffers and stalled it at the prefetches (perf, wiki10m CBOW: a fifth of the
    /// kernel); after the dots it overlaps the sigmoid step and the update, which load nothing new.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float TrainPart(in KernelContext c, float* matrix, in HiddenScratch scratch, int* ids, float* labels, int rows, float alpha, bool skipSaturated,
        int* nextPath, int nextRows, int levels, bool skipRepeats = false)
    {
        if (rows == 0)
        {
            return 0;
        }

        float** outputs = scratch.Outputs;
        for (int k = 0; k < rows; k++)
        {
            outputs[k] = matrix + ids[k] * c.Stride;
        }

        HiddenDots(scratch.Hidden, outputs, scratch.Dots, rows, c.Dim);
        if (nextPath != null)
        {
            PathPrefetchDepth.NewNodes(matrix, c.Stride, c.Dim, levels, ids, rows, nextPath, nextRows);
        }

        float loss = TOps.LabelGradients(c, scratch.Dots, labels, scratch.Gradients, rows, alpha, skipSaturated);
        for (int k = 1; k < rows && skipRepeats; k++)
        {
            // A negative equal to the positive (HiddenBatch.GensimTargets): M is small, so a scalar pass.
            scratch.Gradients[k] = ids[k] == ids[0] ? 0f : scratch.Gradients[k];
        }

        HiddenUpdate(scratch.Hidden, scratch.Gradient, outputs, scratch.Gradients, rows, c.Dim);
        return loss;
    }

    /// <summary>
    /// Every input row += gradient: four chunks per pass over the rows with the gradient's chunks held in registers,
    /// then the rest of each row. Row by row, each row reloaded the gradient per chunk (perf, wiki10m CBOW HS: 5 % of
    /// the kernel); in-process A/B per call (bench/results/hs-prefetch-2026-11-29.md) the kernel's CPU per example fell
    /// about 3 %. A row that is an input twice gets both adds, in the same order per element as row by row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddToInputs(float* input, long stride, int* inputs, int count, float* gradient, int dim)
    {
        int j = 0;
        for (; j <= dim - 4 * TOps.Count; j += 4 * TOps.Count)
        {
            TVec g0 = TOps.Load(gradient + j), g1 = TOps.Load(gradient + j + TOps.Count);
            TVec g2 = TOps.Load(gradient + j + 2 * TOps.Count), g3 = TOps.Load(gradient + j + 3 * TOps.Count);
            for (int i = 0; i < count; i++)
            {
                float* row = input + inputs[i] * stride + j;
                TOps.Store(TOps.Add(TOps.Load(row), g0), row);
                TOps.Store(TOps.Add(TOps.Load(row + TOps.Count), g1), row + TOps.Count);
                TOps.Store(TOps.Add(TOps.Load(row + 2 * TOps.Count), g2), row + 2 * TOps.Count);
                TOps.Store(TOps.Add(TOps.Load(row + 3 * TOps.Count), g3), row + 3 * TOps.Count);
            }
        }

        for (int i = 0; i < count && j < dim; i++)
        {
            AddTo(input + inputs[i] * stride + j, gradient + j, dim - j);
        }
    }

    /// <summary>row += gradient over the dim (the gradient is padded scratch; the row is written only up to dim).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(float* row, float* gradient, int dim)
    {
        int j = 0;
        for (; j <= dim - TOps.Count; j += TOps.Count)
        {
            TOps.Store(TOps.Add(TOps.Load(row + j), TOps.Load(gradient + j)), row + j);
        }

        if (j < dim)
        {
            int tail = dim - j;
            TVec mask = TOps.TailMask(tail);
            TOps.StoreTail(row + j, TOps.Add(TOps.LoadTail(row + j, mask, tail), TOps.Load(gradient + j)), mask, tail);
        }
    }
}
