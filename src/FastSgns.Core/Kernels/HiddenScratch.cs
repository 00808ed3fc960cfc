using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// How <see cref="ISgnsKernel.TrainHidden"/> divides the scratch, and how much it needs: the one place either is
/// written down (the C kernel uses the same layout, native/include/fastsgns_native.h).
/// [hidden: round16(dim)] [gradient: round16(dim)] [dots: round16(R)] [gradients: round16(R)] [labels: round16(R)]
/// [R output row pointers: 2·round16(R)], where R is the most rows one part of an example has (M+1, or the longest
/// Huffman code).
/// </summary>
internal readonly unsafe ref struct HiddenScratch
{
    public readonly float* Hidden;
    public readonly float* Gradient;
    public readonly float* Dots;

    /// <summary>Written up to the next multiple of the sigmoid step's width.</summary>
    public readonly float* Gradients;

    /// <summary>The labels of negative sampling's part, 1 then M zeros (the tree part brings its own).</summary>
    public readonly float* Labels;

    public readonly float** Outputs;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public HiddenScratch(in KernelContext context, int rows)
    {
        Debug.Assert(context.ScratchFloats >= Floats(context.Dim, rows), "HiddenArguments.Validate checks the scratch first");
        int paddedDim = KernelWorkspace.RoundUp(context.Dim, 16);
        int padded = KernelWorkspace.RoundUp(rows, 16);
        Hidden = context.Scratch;
        Gradient = Hidden + paddedDim;
        Dots = Gradient + paddedDim;
        Gradients = Dots + padded;
        Labels = Gradients + padded;
        Outputs = (float**)(Labels + padded);
    }

    /// <summary>Floats of scratch at this dim for parts of up to <paramref name="rows"/> rows.</summary>
    public static int Floats(int dim, int rows) => 2 * KernelWorkspace.RoundUp(dim, 16) + 5 * KernelWorkspace.RoundUp(Math.Max(rows, 1), 16);

    /// <summary>The most rows one part of <paramref name="batch"/>'s examples has: M+1, or its longest node list.</summary>
    public static int RowsOf(in HiddenBatch batch)
    {
        int rows = batch.Targets.IsEmpty ? 0 : batch.Negatives + 1;
        ReadOnlySpan<int> offsets = batch.NodeOffsets;
        for (int e = 0; e + 1 < offsets.Length; e++)
        {
            rows = Math.Max(rows, offsets[e + 1] - offsets[e]);
        }

        return rows;
    }
}
