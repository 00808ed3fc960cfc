using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FastSgns.Kernels;

/// <summary>
/// How <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/> divides the scratch for one batch of B contexts and T
/// targets, and how much it needs: the one place either is written down (the C kernel carves the same,
/// native/include/fastsgns_native.h). [dots, then gradients in place: B × round16(T)] [the contexts' dots with each
/// other: B × round16(B)] [ΔC: B × 16] [row pointers: B contexts, T targets, two floats each, rounded to 16].
/// </summary>
internal readonly unsafe ref struct PathBatchScratch
{
    /// <summary>G[i, k] at <c>Gradients[i·GradientStride + k]</c>; the dots F[i, k] are written there first.</summary>
    public readonly float* Gradients;

    public readonly int GradientStride;

    /// <summary>K[i, j] = C_i·C_j for j &lt; i at <c>Gram[i·GramStride + j]</c>.</summary>
    public readonly float* Gram;

    public readonly int GramStride;

    /// <summary>One vector (up to <see cref="KernelWorkspace.MaxVectorFloats"/> floats) per context; the scalar kernel uses one float of each.</summary>
    public readonly float* DeltaInput;

    public readonly float** Inputs;
    public readonly float** Outputs;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PathBatchScratch(in KernelContext context, int count, int rows)
    {
        Debug.Assert(context.ScratchFloats >= Floats(rows, count), "LabeledBatchArguments.Validate checks the scratch first");
        GradientStride = KernelWorkspace.RoundUp(rows, 16);
        GramStride = KernelWorkspace.RoundUp(count, 16);
        Gradients = context.Scratch;
        Gram = Gradients + count * GradientStride;
        DeltaInput = Gram + count * GramStride;
        Inputs = (float**)(DeltaInput + count * KernelWorkspace.MaxVectorFloats);
        Outputs = Inputs + count;
    }

    /// <summary>Floats of scratch for batches of up to <paramref name="maxBatch"/> contexts and <paramref name="maxRows"/> targets.</summary>
    public static int Floats(int maxRows, int maxBatch)
    {
        int rows = KernelWorkspace.RoundUp(maxRows, 16);
        int batch = KernelWorkspace.RoundUp(maxBatch, 16);
        return maxBatch * (rows + batch + KernelWorkspace.MaxVectorFloats) + KernelWorkspace.RoundUp(2 * (maxBatch + maxRows), 16);
    }
}
