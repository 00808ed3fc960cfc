using System.Runtime.CompilerServices;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>
/// CBOW and hierarchical softmax (either model, with or without negatives): the sentence's examples from a
/// <see cref="HiddenGenerator"/>, one <see cref="ISgnsKernel.TrainHidden"/> call per chunk of them.
/// </summary>
/// <remarks>
/// With <paramref name="hot"/> (CBOW with negatives), the examples' hot input and target ids are moved to the worker's
/// private rows before the kernel call, as <see cref="PairStep"/> does; tree nodes are not (the trainer gives no hot
/// rows with hierarchical softmax). The move maps equal ids to equal ids, so the generator's comparisons of negatives
/// with the center and the kernel's (<see cref="HiddenBatch.GensimTargets"/>) see the same duplicates.
/// </remarks>
internal readonly struct HiddenStep(ISgnsKernel kernel, HiddenGenerator examples, bool mean, HotRows? hot = null) : ISentenceStep
{
    public KernelWorkspace CreateWorkspace(int dim) => KernelWorkspace.ForHidden(dim, examples.Rows);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Train(in KernelContext context, ReadOnlySpan<int> sentence, float alpha, ref Lcg random, out float loss)
    {
        loss = 0;
        int trained = 0;
        int center = 0;
        while (center < sentence.Length)
        {
            int count = examples.Generate(sentence, ref center, ref random);
            if (count == 0)
            {
                continue;
            }

            int inputs = examples.InputOffsets[count];
            int targets = examples.Targets.Length == 0 ? 0 : count * (examples.Negatives + 1);
            hot?.Remap(examples.Inputs.AsSpan(0, inputs));
            hot?.Remap(examples.Targets.AsSpan(0, targets));
            var batch = new HiddenBatch
            {
                Inputs = examples.Inputs.AsSpan(0, inputs),
                InputOffsets = examples.InputOffsets.AsSpan(0, count + 1),
                Nodes = examples.NodeOffsets.Length == 0 ? default : examples.Nodes.AsSpan(0, examples.NodeOffsets[count]),
                NodeLabels = examples.NodeOffsets.Length == 0 ? default : examples.NodeLabels.AsSpan(0, examples.NodeOffsets[count]),
                NodeOffsets = examples.NodeOffsets.Length == 0 ? default : examples.NodeOffsets.AsSpan(0, count + 1),
                Targets = examples.Targets.Length == 0 ? default : examples.Targets.AsSpan(0, targets),
                Negatives = examples.Negatives,
                Mean = mean,
                GensimTargets = examples.GensimTargets,
            };
            loss += kernel.TrainHidden(context, batch, alpha);
            trained += count;
        }

        return trained;
    }
}
