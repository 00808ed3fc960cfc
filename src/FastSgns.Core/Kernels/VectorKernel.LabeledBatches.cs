using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/>: the register-blocked batch of <c>VectorKernel.Batched.cs</c>
/// (its <c>BatchDots</c> and <c>UpdateChunk</c>) with the labelled sigmoid step
/// (<see cref="IVectorOps{TVec}.LabelGradients"/>) and T targets per batch. The batch body is its own copy, not a
/// labels parameter on the shared-negative one, so that the SGNS path's code stays exactly as it was (with such a
/// parameter it measured about 0.5 CPU-s more of ~9 on wiki10m in three runs on a busy machine: not conclusive, not
/// worth the risk to its inlining into the batch loop).
/// </summary>
internal sealed unsafe partial class VectorKernel<TOps, TVec>
{
    // Never inlined into the caller, for the reason TrainPairs gives.
    [MethodImpl(MethodImplOptions.NoInlining)]
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
                    RowPrefetch.Batch(context, contextIds + offsets[b + 1], offsets[b + 2] - offsets[b + 1],
                        targetIds + targetOffsets[b + 1], targetOffsets[b + 2] - targetOffsets[b + 1]);
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

    /// <summary><c>TrainBatch</c> of <c>VectorKernel.Batched.cs</c> with a label per target.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float TrainLabeledBatch(in KernelContext c, int* contextIds, int count, int* targetIds, float* labels, int rows, float alpha)
    {
        var scratch = new BatchScratch(c, count, rows);
        float* gradients = scratch.Gradients;
        int gradientStride = scratch.GradientStride;
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

        BatchDots(inputs, outputs, gradients, gradientStride, count, rows, c.Dim);
        float loss = 0;
        int padded = KernelWorkspace.RoundUp(rows, 4);
        for (int i = 0; i < count; i++)
        {
            float* row = gradients + i * gradientStride;
            loss += TOps.LabelGradients(c, row, labels, row, rows, alpha);
            for (int k = rows; k < padded; k++)
            {
                row[k] = 0;
            }
        }

        int j = 0;
        for (; j <= c.Dim - TOps.Count; j += TOps.Count)
        {
            UpdateChunk(inputs, outputs, gradients, gradientStride, count, rows, j, default, 0, masked: false, scratch.DeltaInput, scratch.DeltaOutput);
        }

        if (j < c.Dim)
        {
            int tail = c.Dim - j;
            UpdateChunk(inputs, outputs, gradients, gradientStride, count, rows, j, TOps.TailMask(tail), tail, masked: true, scratch.DeltaInput, scratch.DeltaOutput);
        }

        return loss;
    }
}
