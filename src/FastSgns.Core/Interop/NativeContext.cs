using System.Runtime.InteropServices;
using FastSgns.Kernels;

namespace FastSgns.Interop;

/// <summary>
/// fsg_context, field for field: the ABI copy of a <see cref="KernelContext"/> plus the scratch length the C code
/// checks, so that the managed struct can evolve without silently changing what C reads. 88 bytes on 64-bit; a test
/// pins the size and offsets.
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
    /// Floats the caller vouches <see cref="Scratch"/> holds: the managed sizing (<see cref="KernelContext.ScratchFloats"/>
    /// or <see cref="KernelContext.BatchedScratchFloats"/>), the only place scratch is sized. The library refuses a call
    /// whose layout would need more.
    /// </summary>
    public readonly long ScratchFloats;

    public NativeContext(in KernelContext context, long scratchFloats)
    {
        Input = context.Input;
        Output = context.Output;
        Stride = context.Stride;
        Dim = context.Dim;
        Sigmoid = context.Sigmoid;
        PositiveLoss = context.PositiveLoss;
        NegativeLoss = context.NegativeLoss;
        TableSize = context.TableSize;
        MaxExp = context.MaxExp;
        TableScale = context.TableScale;
        Scratch = context.Scratch;
        ScratchFloats = scratchFloats;
    }
}
