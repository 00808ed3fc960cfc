using FastSgns.Interop;

namespace FastSgns.Kernels;

internal sealed unsafe partial class NativeKernel : IBatchedSgnsKernel
{
    /// <summary>One P/Invoke per call (per sentence in training): fsg_train_batches.</summary>
    public float TrainBatches(in KernelContext context, ReadOnlySpan<int> contexts, ReadOnlySpan<int> offsets, ReadOnlySpan<int> targets, int negatives, float alpha)
    {
        BatchedArguments.Validate(contexts, offsets, targets, negatives);
        NativeContext native = ToNative(context);
        fixed (int* contextIds = contexts)
        fixed (int* offsetIds = offsets)
        fixed (int* targetIds = targets)
        {
            return NativeMethods.TrainBatches(&native, contextIds, offsetIds, offsets.Length - 1, targetIds, negatives, alpha);
        }
    }
}
