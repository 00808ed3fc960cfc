using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// How <see cref="IBatchedSgnsKernel.TrainBatches"/> divides the scratch for one batch of B contexts, and how much it
/// needs: the one place either is written down. [dots, then gradients in place: B × round16(M+1)] [row pointers: B
/// inputs, M+1 outputs, rounded to 16 floats] [ΔC: B × 16] [ΔO: round16(M+1) × 16]. ΔC and ΔO hold one vector
/// (up to <see cref="KernelWorkspace.MaxVectorFloats"/> floats) per row; the scalar kernel uses one float of each.
/// With a bf16 output matrix (<see cref="KernelContext.OutputBf16"/>) two more: [snapshot: M+1 rows × round16(dim),
/// the batch's output rows widened to floats, which its dots and ΔC read] and, in the last
/// <see cref="Bf16.Lanes"/> floats of the whole scratch (never part of a batch's layout, so they persist from batch
/// to batch), the stochastic rounding's generators (<see cref="Lanes"/>).
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

    /// <summary>bf16 output only: output row k widened at <c>Snapshot + k·SnapshotStride</c>.</summary>
    public readonly float* Snapshot;

    public readonly int SnapshotStride;

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
        SnapshotStride = KernelWorkspace.RoundUp(context.Dim, 16);
        Snapshot = DeltaOutput + KernelWorkspace.RoundUp(rows, 16) * KernelWorkspace.MaxVectorFloats;
    }

    /// <summary>The <see cref="Bf16.Lanes"/> rounding generators of a context whose scratch is sized for a bf16 output matrix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint* Lanes(in KernelContext context) => (uint*)(context.Scratch + context.ScratchFloats - Bf16.Lanes);

    /// <summary>
    /// Floats of scratch for batches of at most <paramref name="maxBatch"/> contexts; never less than
    /// <see cref="PairScratch.Floats"/>, so one buffer serves both modes. <paramref name="bf16"/>: for a bf16 output
    /// matrix (the snapshot and the rounding generators as well).
    /// </summary>
    public static int Floats(int dim, int negatives, int maxBatch, bool bf16 = false)
    {
        int rows = KernelWorkspace.RoundUp(negatives + 1, 16);
        int vector = KernelWorkspace.MaxVectorFloats;
        long batched = maxBatch * rows + 2 * (maxBatch + rows) + vector * (maxBatch + rows) + 16;
        if (bf16)
        {
            batched += (long)(negatives + 1) * KernelWorkspace.RoundUp(dim, 16) + Bf16.Lanes;
        }

        return (int)Math.Max(PairScratch.Floats(dim, negatives), KernelWorkspace.RoundUp(checked((int)batched), 16));
    }
}
