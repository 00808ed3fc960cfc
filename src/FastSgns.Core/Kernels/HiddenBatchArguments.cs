namespace FastSgns.Kernels;

/// <summary>The checks every <see cref="IHiddenBatchKernel.TrainHiddenBatches"/> makes before it touches a row; returns R for <see cref="HiddenBatchScratch"/>.</summary>
internal static class HiddenBatchArguments
{
    public static int Validate(in KernelContext context, in HiddenBatch batch)
    {
        if (batch.NodeOffsets.IsEmpty || !batch.Targets.IsEmpty)
        {
            throw new ArgumentException("Batched hidden-vector examples take hierarchical softmax alone: node offsets and no negative targets.", nameof(batch));
        }

        int rows = HiddenArguments.Validate(context, batch);
        KernelWorkspace.Require(context, HiddenBatchScratch.Floats(context.Dim, rows), nameof(KernelWorkspace.ForHiddenBatches));
        return rows;
    }
}
