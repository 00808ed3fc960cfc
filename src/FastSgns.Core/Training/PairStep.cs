using System.Runtime.CompilerServices;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>word2vec.c's mode: one (input, positive + negatives) row per pair, one kernel call per sentence.</summary>
internal readonly struct PairStep(ISgnsKernel kernel, PairGenerator pairs, int negatives) : ISentenceStep
{
    public KernelWorkspace CreateWorkspace(int dim) => KernelWorkspace.ForPairs(dim, negatives);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Train(in KernelContext context, ReadOnlySpan<int> sentence, float alpha, ref Lcg random, out float loss)
    {
        int count = pairs.Generate(sentence, ref random);
        if (count == 0)
        {
            loss = 0;
            return 0;
        }

        loss = kernel.TrainPairs(context, pairs.Inputs.AsSpan(0, count), pairs.Targets.AsSpan(0, count * (negatives + 1)), negatives, alpha);
        return count;
    }
}
