using System.Runtime.CompilerServices;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>The batched mode: each center word's contexts share one draw of negatives, one kernel call per sentence.</summary>
/// <remarks>With <paramref name="hot"/>, the batches' hot ids are moved to the worker's private rows before the kernel call.</remarks>
internal readonly struct BatchStep(IBatchedSgnsKernel kernel, BatchGenerator batches, int negatives, int window, HotRows? hot = null) : ISentenceStep
{
    public KernelWorkspace CreateWorkspace(int dim) => KernelWorkspace.ForBatches(dim, negatives, 2 * window);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Train(in KernelContext context, ReadOnlySpan<int> sentence, float alpha, ref Lcg random, out float loss)
    {
        int batchCount = batches.Generate(sentence, ref random);
        int count = batches.Offsets[batchCount];
        if (count == 0)
        {
            loss = 0;
            return 0;
        }

        hot?.Remap(batches.Contexts.AsSpan(0, count));
        hot?.Remap(batches.Targets.AsSpan(0, batchCount * (negatives + 1)));
        loss = kernel.TrainBatches(context, batches.Contexts.AsSpan(0, count), batches.Offsets.AsSpan(0, batchCount + 1),
            batches.Targets.AsSpan(0, batchCount * (negatives + 1)), negatives, alpha);
        return count;
    }
}
