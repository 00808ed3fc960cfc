using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// How <see cref="ISgnsKernel.TrainPairs"/> divides the scratch, and how much it needs: the one place either is
/// written down. [dots: round16(M+1)] [gradients: round16(M+1)] [M+1 output row pointers]. The size also covers
/// the C kernel's layout, which puts a dim-long area first (native/include/fastsgns_native.h).
/// </summary>
internal readonly unsafe ref struct PairScratch
{
    public readonly float* Dots;

    /// <summary>Written up to the next multiple of the sigmoid step's width (see <see cref="SigmoidGather{TOps, TVec}"/>).</summary>
    public readonly float* Gradients;

    public readonly float** Outputs;

    /// <summary>Carves the scratch of <paramref name="context"/> for pairs of <paramref name="rows"/> = M+1 targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PairScratch(in KernelContext context, int rows)
    {
        Debug.Assert(context.ScratchFloats >= Floats(context.Dim, rows - 1), "PairArguments.Validate checks the scratch first");
        int padded = KernelWorkspace.RoundUp(rows, 16);
        Dots = context.Scratch;
        Gradients = Dots + padded;
        Outputs = (float**)(Gradients + padded);
    }

    /// <summary>Floats of scratch for pairs at this dim and M (the row pointers take two floats each).</summary>
    public static int Floats(int dim, int negatives) => KernelWorkspace.RoundUp(dim, 16) + 4 * KernelWorkspace.RoundUp(negatives + 1, 16);
}
