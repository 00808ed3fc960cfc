using FastSgns.Interop;

namespace FastSgns.Kernels;

internal sealed unsafe partial class NativeKernel
{
    /// <summary>One P/Invoke per call (per sentence in training): this path's fsg_train_labeled_batches_*.</summary>
    public float TrainLabeledBatches(in KernelContext context, in LabeledBatches batches, float alpha)
    {
        LabeledBatchArguments.Validate(context, batches);
        NativeContext native = ToNative(context);
        float loss;
        int status;
        fixed (int* contextIds = batches.Contexts)
        fixed (int* offsets = batches.Offsets)
        fixed (int* targetIds = batches.Targets)
        fixed (int* targetOffsets = batches.TargetOffsets)
        fixed (float* labels = batches.Labels)
        {
            long count = batches.Count;
            status = _path switch
            {
                NativePath.Avx512 => NativeMethods.TrainLabeledBatchesAvx512(&native, contextIds, offsets, count, targetIds, targetOffsets, labels, alpha, &loss),
                NativePath.Avx2 => NativeMethods.TrainLabeledBatchesAvx2(&native, contextIds, offsets, count, targetIds, targetOffsets, labels, alpha, &loss),
                _ => NativeMethods.TrainLabeledBatchesScalar(&native, contextIds, offsets, count, targetIds, targetOffsets, labels, alpha, &loss),
            };
        }

        ThrowUnlessOk(status);
        return loss;
    }
}
