using System.Runtime.CompilerServices;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>
/// Skip-gram with hierarchical softmax in batched mode: each center word's contexts train against its Huffman path
/// together, one <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/> call per sentence on the tree matrix.
/// </summary>
internal readonly struct PathBatchStep(IBatchedSgnsKernel kernel, PathBatchGenerator batches) : ISentenceStep
{
    public KernelWorkspace CreateWorkspace(int dim) => KernelWorkspace.ForPathBatches(batches.MaxTargets, batches.MaxBatch);

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

        int targets = batches.TargetOffsets[batchCount];
        var labeled = new LabeledBatches
        {
            Contexts = batches.Contexts.AsSpan(0, count),
            Offsets = batches.Offsets.AsSpan(0, batchCount + 1),
            Targets = batches.Targets.AsSpan(0, targets),
            TargetOffsets = batches.TargetOffsets.AsSpan(0, batchCount + 1),
            Labels = batches.Labels.AsSpan(0, targets),
        };

        loss = kernel.TrainLabeledBatches(context.WithTreeAsOutput(), labeled, alpha);
        return count;
    }
}
