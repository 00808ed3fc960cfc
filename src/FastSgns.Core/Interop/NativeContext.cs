using System.Runtime.InteropServices;

namespace FastSgns.Interop;

/// <summary>
/// fsg_context, field for field: the ABI copy of a <see cref="Kernels.KernelContext"/>, so that the managed struct can
/// evolve without silently changing what C reads. 88 bytes on 64-bit; a test pins the size and offsets.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly unsafe struct NativeContext
{
    public readonly float* Input;
    public readonly float* Output;
    public readonly long Stride;
    public readonly int Dim;
    public readonly float* Sigmoid;
    public readonly float* PositiveLoss;
    public readonly float* NegativeLoss;
    public readonly int TableSize;
    public readonly float MaxExp;
    public readonly float TableScale;
    public readonly float* Scratch;

    /// <summary>
    /// Floats at <see cref="Scratch"/>, as sized by the managed layouts (PairScratch, BatchScratch: the only place scratch
    /// is sized). The library refuses, touching nothing, a call whose own layout would need more.
    /// </summary>
    public readonly long ScratchFloats;

    // Field by field rather than from a KernelContext, so that Interop imports nothing from Kernels, which calls it.
    public NativeContext(float* input, float* output, long stride, int dim, float* sigmoid, float* positiveLoss, float* negativeLoss,
        int tableSize, float maxExp, float tableScale, float* scratch, long scratchFloats)
    {
        Input = input;
        Output = output;
        Stride = stride;
        Dim = dim;
        Sigmoid = sigmoid;
        PositiveLoss = positiveLoss;
        NegativeLoss = negativeLoss;
        TableSize = tableSize;
        MaxExp = maxExp;
        TableScale = tableScale;
        Scratch = scratch;
        ScratchFloats = scratchFloats;
    }
}
