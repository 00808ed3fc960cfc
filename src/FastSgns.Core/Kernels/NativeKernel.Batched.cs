using FastSgns.Interop;

namespace FastSgns.Kernels;

internal sealed unsafe partial class NativeKernel : IBatchedSgnsKernel
{
    /// <summary>One P/Invoke per call (per sentence in training): this path's fsg_train_batches_*.</summary>
    public float TrainBatches(in KernelContext context, ReadOnlySpan<int> contexts, ReadOnlySpan<int> offsets, ReadOnlySpan<int> targets, int negatives, float alpha)
    {
        BatchedArguments.Validate(context, contexts, offsets, targets, negatives);
        NativeContext native = ToNative(context);
        float loss;
        int status;
        fixed (int* contextIds = contexts)
        fixed (int* offsetIds = offsets)
        fixed (int* targetIds = targets)
        {
            long batches = offsets.Length - 1;
            status = _path switch
            {
                NativePath.Avx512 => NativeMethods.TrainBatchesAvx512(&native, contextIds, offsetIds, batches, targetIds, negatives, alpha, &loss),
                NativePath.Avx2 => NativeMethods.TrainBatchesAvx2(&native, contextIds, offsetIds, batches, targetIds, negatives, alpha, &loss),
                _ => NativeMethods.TrainBatchesScalar(&native, contextIds, offsetIds, batches, targetIds, negatives, alpha, &loss),
            };
        }

        ThrowUnlessOk(status);
        return loss;
    }
}
