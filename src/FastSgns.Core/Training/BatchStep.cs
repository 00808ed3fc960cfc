using System.Runtime.CompilerServices;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>
/// The batched mode: each center word's contexts share one draw of negatives, one kernel call per sentence. With
/// <paramref name="bf16"/> (the output matrix stored as bf16) the stochastic rounding's generators are seeded before
/// each sentence from the worker's generator, without advancing it: the draws of words and negatives are those of a
/// float run, and a resumed run (whose generator the checkpoint restores) rounds as the uninterrupted one did.
/// </summary>
internal readonly unsafe struct BatchStep(IBatchedSgnsKernel kernel, BatchGenerator batches, int negatives, int window, bool bf16 = false) : ISentenceStep
{
    public KernelWorkspace CreateWorkspace(int dim) => KernelWorkspace.ForBatches(dim, negatives, 2 * window, bf16);

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

        if (bf16)
        {
            Bf16.Seed(BatchScratch.Lanes(context), random.State);
        }

        loss = kernel.TrainBatches(context, batches.Contexts.AsSpan(0, count), batches.Offsets.AsSpan(0, batchCount + 1),
            batches.Targets.AsSpan(0, batchCount * (negatives + 1)), negatives, alpha);
        return count;
    }
}
