using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/>: word2vec.c's order of updates inside a batch (context by
/// context, each seeing the targets as the earlier ones left them) at the cost of one batch. The B×T dots are
/// register-blocked (<c>VectorKernel.PathDots.cs</c>), and the contexts' dots with each other in the same tiles;
/// the dot of context i with a target after contexts 0..i−1 is then F[i,k] + Σ_{j&lt;i} K[i,j]·G[j,k],
/// T lanes at a time, before its sigmoid step. The update keeps four targets' chunks in registers and adds each
/// context's gradient to them as it streams by, so every context's ΔC reads the targets it would have read in turn.
/// </summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    // Never inlined into the caller and compiled fully optimized at once, for the reasons TrainPairs gives.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public float TrainLabeledBatches(in KernelContext context, in LabeledBatches batches, float alpha)
    {
        LabeledBatchArguments.Validate(context, batches);
        int count = batches.Count;
        float loss = 0;
        fixed (int* contextIds = batches.Contexts)
        fixed (int* offsets = batches.Offsets)
        fixed (int* targetIds = batches.Targets)
        fixed (int* targetOffsets = batches.TargetOffsets)
        fixed (float* labels = batches.Labels)
        {
            for (int b = 0; b < count; b++)
            {
                if (b + 1 < count)
                {
                    PrefetchNew(context, contextIds + offsets[b], offsets[b + 1] - offsets[b], contextIds + offsets[b + 1], offsets[b + 2] - offsets[b + 1],
                        targetIds + targetOffsets[b], targetOffsets[b + 1] - targetOffsets[b], targetIds + targetOffsets[b + 1], targetOffsets[b + 2] - targetOffsets[b + 1]);
                }

                int contexts = offsets[b + 1] - offsets[b];
                int rows = targetOffsets[b + 1] - targetOffsets[b];
                if (contexts > 0 && rows > 0)
                {
                    int from = targetOffsets[b];
                    loss += TrainLabeledBatch(context, contextIds + offsets[b], contexts, targetIds + from, labels + from, rows, alpha);
                }
            }
        }

        return loss;
    }

    /// <summary>
    /// Starts loading the rows of the next batch that this one does not bring into the caches: its contexts that are
    /// not this batch's (the window slides by one word: mostly this center word and the word entering the window),
    /// and its inner nodes below the tree's top levels (<see cref="PathPrefetchDepth"/>) that differ from this path's at the same depth. Prefetching
    /// every row of the next batch, as <see cref="RowPrefetch.Batch"/> does, took about a tenth of this kernel's time
    /// (perf, wiki10m), nearly all of it on rows already cached.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchNew(in KernelContext c, int* contexts, int count, int* next, int nextCount, int* targets, int rows, int* nextTargets, int nextRows)
    {
        RowPrefetch.NewRows(c.Input, c.Stride, c.Dim, contexts, count, next, nextCount);
        PathPrefetchDepth.NewNodes(c.Output, c.Stride, c.Dim, PathPrefetchDepth.Levels(c.Stride), targets, rows, nextTargets, nextRows);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float TrainLabeledBatch(in KernelContext c, int* contextIds, int count, int* targetIds, float* labels, int rows, float alpha)
    {
        var scratch = new PathBatchScratch(c, count, rows);
        float* gradients = scratch.Gradients;
        int stride = scratch.GradientStride;
        float** inputs = scratch.Inputs;
        float** outputs = scratch.Outputs;
        for (int i = 0; i < count; i++)
        {
            inputs[i] = c.Input + contextIds[i] * c.Stride;
        }

        for (int k = 0; k < rows; k++)
        {
            outputs[k] = c.Output + targetIds[k] * c.Stride;
        }

        PathDots(inputs, outputs, gradients, stride, count, rows, c.Dim);
        GramDots(inputs, scratch.Gram, scratch.GramStride, count, c.Dim);
        float loss = 0;
        for (int i = 0; i < count; i++)
        {
            float* row = gradients + i * stride;
            float* gram = scratch.Gram + i * scratch.GramStride;
            for (int j = 0; j < i; j++)
            {
                // F[i,·] += K[i,j]·G[j,·], over the padded row (lanes past rows are never read as dots).
                TVec weight = TOps.Create(gram[j]);
                float* earlier = gradients + j * stride;
                for (int k = 0; k < rows; k += TOps.Count)
                {
                    TOps.Store(TOps.FusedMultiplyAdd(weight, TOps.Load(earlier + k), TOps.Load(row + k)), row + k);
                }
            }

            // The tiles read gradients up to round4(rows) and the next rows' sums up to the vector width: zeros there.
            loss += TOps.LabelGradients(c, row, labels, row, rows, alpha, skipSaturated: true);
            for (int k = rows; k < KernelWorkspace.RoundUp(rows, TOps.Count); k++)
            {
                row[k] = 0;
            }
        }

        int dim = c.Dim;
        int at = 0;
        for (; at <= dim - TOps.Count; at += TOps.Count)
        {
            UpdateChunk(inputs, outputs, gradients, stride, count, rows, at, default, 0, masked: false, scratch.DeltaInput, null, inPlace: true);
        }

        if (at < dim)
        {
            int tail = dim - at;
            UpdateChunk(inputs, outputs, gradients, stride, count, rows, at, TOps.TailMask(tail), tail, masked: true, scratch.DeltaInput, null, inPlace: true);
        }

        return loss;
    }

    /// <summary>
    /// gram[i·stride + j] = inputs[i]·inputs[j] for j &lt; i: per block of four columns j.., <see cref="PathDots"/> of
    /// the contexts after j against them (the upper-triangle slots it also writes are never read).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GramDots(float** inputs, float* gram, int stride, int count, int dim)
    {
        for (int j = 0; j < count - 1; j += 4)
        {
            PathDots(inputs + j + 1, inputs + j, gram + (j + 1) * stride + j, stride, count - j - 1, Math.Min(4, count - 1 - j), dim);
        }
    }
}
