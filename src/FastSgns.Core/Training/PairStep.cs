using System.Runtime.CompilerServices;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>word2vec.c's mode: one (input, positive + negatives) row per pair, one kernel call per sentence.</summary>
/// <remarks>
/// With <paramref name="hot"/>, the pairs' hot ids are moved to the worker's private rows before the kernel call. The
/// generator compares negatives with the positive before the move, and the move maps equal ids to equal ids, so the
/// kernel sees the same duplicates.
/// </remarks>
internal readonly struct PairStep(ISgnsKernel kernel, PairGenerator pairs, int negatives, HotRows? hot = null) : ISentenceStep
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

        Span<int> inputs = pairs.Inputs.AsSpan(0, count);
        Span<int> targets = pairs.Targets.AsSpan(0, count * (negatives + 1));
        hot?.Remap(inputs);
        hot?.Remap(targets);
        loss = kernel.TrainPairs(context, inputs, targets, negatives, alpha);
        return count;
    }
}
