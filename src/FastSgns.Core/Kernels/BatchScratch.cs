using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// How <see cref="IBatchedSgnsKernel.TrainBatches"/> divides the scratch for one batch of B contexts, and how much it
/// needs: the one place either is written down. [dots, then gradients in place: B × round16(M+1)] [row pointers: B
/// inputs, M+1 outputs, rounded to 16 floats] [ΔC: B × 16] [ΔO: round16(M+1) × 16]. ΔC and ΔO hold one vector
/// (up to <see cref="KernelWorkspace.MaxVectorFloats"/> floats) per row; the scalar kernel uses one float of each.
/// </summary>
internal readonly unsafe ref struct BatchScratch
{
    /// <summary>G[i, k] at <c>Gradients[i·GradientStride + k]</c>; the dots are written there first.</summary>
    public readonly float* Gradients;

    public readonly int GradientStride;
    public readonly float** Inputs;
    public readonly float** Outputs;
    public readonly float* DeltaInput;
    public readonly float* DeltaOutput;

    /// <summary>Carves the scratch of <paramref name="context"/> for a batch of <paramref name="count"/> contexts and <paramref name="rows"/> = M+1 targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BatchScratch(in KernelContext context, int count, int rows)
    {
        Debug.Assert(context.ScratchFloats >= Floats(context.Dim, rows - 1, count), "BatchedArguments.Validate checks the scratch first");
        GradientStride = KernelWorkspace.RoundUp(rows, 16);
        Gradients = context.Scratch;
        Inputs = (float**)(Gradients + count * GradientStride);
        Outputs = Inputs + count;
        DeltaInput = Gradients + count * GradientStride + KernelWorkspace.RoundUp(2 * (count + rows), 16);
        DeltaOutput = DeltaInput + count * KernelWorkspace.MaxVectorFloats;
    }

    /// <summary>
    /// Floats of scratch for batches of at most <paramref name="maxBatch"/> contexts; never less than
    /// <see cref="PairScratch.Floats"/>, so one buffer serves both modes.
    /// </summary>
    public static int Floats(int dim, int negatives, int maxBatch)
    {
        int rows = KernelWorkspace.RoundUp(negatives + 1, 16);
        int vector = KernelWorkspace.MaxVectorFloats;
        int batched = maxBatch * rows + 2 * (maxBatch + rows) + vector * (maxBatch + rows) + 16;
        return Math.Max(PairScratch.Floats(dim, negatives), KernelWorkspace.RoundUp(batched, 16));
    }
}
