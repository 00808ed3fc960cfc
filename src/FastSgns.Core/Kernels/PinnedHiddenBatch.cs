using FastSgns.Interop;

namespace FastSgns.Kernels;

/// <summary>
/// The one place a <see cref="HiddenBatch"/> is pinned. The pinned view is <see cref="NativeHiddenBatch"/>, laid out
/// as C's fsg_hidden_batch: the native kernel hands it to C as it is and the managed SIMD kernel walks the same
/// pointers. An empty span pins to null, so a null NodeOffsets means no hierarchical softmax and a null Targets no
/// negative sampling (with Negatives 0, as the ABI takes it).
/// </summary>
internal static unsafe class PinnedHiddenBatch
{
    /// <summary>
    /// Pins every span of <paramref name="batch"/> (checked by <see cref="HiddenArguments.Validate"/> first) and runs
    /// <paramref name="body"/> over the pointers, valid only during that call. A struct body, so the call is
    /// specialized for each kernel and allocates nothing.
    /// </summary>
    public static float Pin<TBody>(in KernelContext context, in HiddenBatch batch, ref TBody body)
        where TBody : struct, IPinnedHiddenBody
    {
        fixed (int* inputs = batch.Inputs)
        fixed (int* inputOffsets = batch.InputOffsets)
        fixed (int* nodes = batch.Nodes)
        fixed (float* nodeLabels = batch.NodeLabels)
        fixed (int* nodeOffsets = batch.NodeOffsets)
        fixed (int* targets = batch.Targets)
        {
            var pinned = new NativeHiddenBatch(inputs, inputOffsets, nodes, nodeLabels, nodeOffsets, targets, context.Tree,
                batch.Examples, targets == null ? 0 : batch.Negatives, batch.Mean, batch.GensimTargets);
            return body.Run(pinned);
        }
    }
}
