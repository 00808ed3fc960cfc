using System.Runtime.InteropServices;
using FastSgns.Kernels;

namespace FastSgns.Interop;

/// <summary>
/// fsg_context, field for field: the ABI copy of a <see cref="KernelContext"/>, so that the managed struct can evolve
/// without silently changing what C reads. 80 bytes on 64-bit; a test pins the size and offsets.
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

    public NativeContext(in KernelContext context)
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
    }
}
