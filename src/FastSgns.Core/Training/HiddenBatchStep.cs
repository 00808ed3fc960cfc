using System.Runtime.CompilerServices;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Training;

/// <summary>
/// CBOW with hierarchical softmax in batched mode: the sentence's examples from a <see cref="HiddenGenerator"/>, as
/// <see cref="HiddenStep"/> makes them, one <see cref="IHiddenBatchKernel.TrainHiddenBatches"/> call per chunk.
/// </summary>
internal readonly struct HiddenBatchStep(IHiddenBatchKernel kernel, HiddenGenerator examples, bool mean) : ISentenceStep
{
    public KernelWorkspace CreateWorkspace(int dim) => KernelWorkspace.ForHiddenBatches(dim, examples.Rows);

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

            var batch = new HiddenBatch
            {
                Inputs = examples.Inputs.AsSpan(0, examples.InputOffsets[count]),
                InputOffsets = examples.InputOffsets.AsSpan(0, count + 1),
                Nodes = examples.Nodes.AsSpan(0, examples.NodeOffsets[count]),
                NodeLabels = examples.NodeLabels.AsSpan(0, examples.NodeOffsets[count]),
                NodeOffsets = examples.NodeOffsets.AsSpan(0, count + 1),
                Mean = mean,
            };
            loss += kernel.TrainHiddenBatches(context, batch, alpha);
            trained += count;
        }

        return trained;
    }
}
