using FastSgns.Interop;

namespace FastSgns.Kernels;

internal sealed unsafe partial class NativeKernel
{
    /// <summary>One P/Invoke per call (per sentence in training): this path's fsg_train_hidden_*.</summary>
    public float TrainHidden(in KernelContext context, in HiddenBatch batch, float alpha)
    {
        HiddenArguments.Validate(context, batch);
        NativeContext native = ToNative(context);
        float loss;
        int status;
        fixed (int* inputs = batch.Inputs)
        fixed (int* inputOffsets = batch.InputOffsets)
        fixed (int* nodes = batch.Nodes)
        fixed (float* nodeLabels = batch.NodeLabels)
        fixed (int* nodeOffsets = batch.NodeOffsets)
        fixed (int* targets = batch.Targets)
        {
            // An empty span pins to null, which is what the ABI takes for an absent part.
            var call = new NativeHiddenBatch(inputs, inputOffsets, nodes, nodeLabels, batch.NodeOffsets.IsEmpty ? null : nodeOffsets,
                batch.Targets.IsEmpty ? null : targets, context.Tree, batch.Examples, batch.Targets.IsEmpty ? 0 : batch.Negatives, batch.Mean);
            status = _path switch
            {
                NativePath.Avx512 => NativeMethods.TrainHiddenAvx512(&native, &call, alpha, &loss),
                NativePath.Avx2 => NativeMethods.TrainHiddenAvx2(&native, &call, alpha, &loss),
                _ => NativeMethods.TrainHiddenScalar(&native, &call, alpha, &loss),
            };
        }

        ThrowUnlessOk(status);
        return loss;
    }
}
