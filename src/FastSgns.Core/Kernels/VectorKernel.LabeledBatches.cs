using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/>: the register-blocked batch of <c>VectorKernel.Batched.cs</c>
/// with the labelled sigmoid step (<see cref="IVectorOps{TVec}.LabelGradients"/>) and T targets per batch.
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
                    loss += TrainBatch(context, contextIds + offsets[b], contexts, targetIds + from, labels + from, rows, alpha);
                }
            }
        }

        return loss;
    }
}
