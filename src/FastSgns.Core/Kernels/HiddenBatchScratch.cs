using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// How <see cref="IHiddenBatchKernel.TrainHiddenBatches"/> divides the scratch, and how much it needs, for groups of
/// <see cref="Group"/> examples whose paths have at most R nodes:
/// [hidden vectors: G·round16(dim)] [gradients: G·round16(dim)] [dots, then node gradients: G·round16(R)]
/// [the hidden vectors' dots with each other: G·16] [R row pointers: 2·round16(R)].
/// </summary>
internal readonly unsafe ref struct HiddenBatchScratch
{
    /// <summary>
    /// Examples per group. Eight CBOW centers read each context row of the window before any of them writes it; a
    /// row's update then misses at most seven of word2vec.c's earlier updates, of the size one example makes.
    /// </summary>
    public const int Group = 8;

    public readonly float* Hidden;
    public readonly float* Gradient;
    public readonly float* Dots;
    public readonly float* Gram;
    public readonly float** Rows;
    public readonly int DimStride;
    public readonly int DotStride;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public HiddenBatchScratch(in KernelContext context, int rows)
    {
        Debug.Assert(context.ScratchFloats >= Floats(context.Dim, rows), "the kernel checks the scratch first");
        DimStride = KernelWorkspace.RoundUp(context.Dim, 16);
        DotStride = KernelWorkspace.RoundUp(Math.Max(rows, 1), 16);
        Hidden = context.Scratch;
        Gradient = Hidden + Group * DimStride;
        Dots = Gradient + Group * DimStride;
        Gram = Dots + Group * DotStride;
        Rows = (float**)(Gram + Group * 16);
    }

    /// <summary>Floats of scratch at this dim for paths of up to <paramref name="rows"/> nodes.</summary>
    public static int Floats(int dim, int rows)
    {
        int dots = KernelWorkspace.RoundUp(Math.Max(rows, 1), 16);
        return 2 * Group * KernelWorkspace.RoundUp(dim, 16) + Group * dots + Group * 16 + 2 * dots;
    }
}
