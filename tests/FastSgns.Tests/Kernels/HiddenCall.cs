using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>The arrays of one <see cref="ISgnsKernel.TrainHidden"/> call, kept as arrays so a theory can reuse them across kernels.</summary>
internal sealed record HiddenCall(int[] Inputs, int[] InputOffsets, int[] Nodes, float[] NodeLabels, int[] NodeOffsets, int[] Targets, int Negatives, bool Mean,
    bool GensimTargets = false)
{
    public HiddenBatch ToBatch() => new()
    {
        Inputs = Inputs, InputOffsets = InputOffsets, Nodes = Nodes, NodeLabels = NodeLabels, NodeOffsets = NodeOffsets,
        Targets = Targets, Negatives = Negatives, Mean = Mean, GensimTargets = GensimTargets,
    };

    /// <summary>The most rows of one part (M+1 or the longest node list), for sizing scratch.</summary>
    public int Rows => HiddenScratch.RowsOf(ToBatch());

    /// <summary>
    /// Random examples: 1..<paramref name="maxInputs"/> input rows each (repeats allowed), <paramref name="nodes"/>
    /// tree rows with random labels (none: no tree part; varying counts up to it when <paramref name="varyNodes"/>),
    /// and M+1 targets when <paramref name="negatives"/> ≥ 0.
    /// </summary>
    public static HiddenCall Random(Random random, int examples, int maxInputs, int inputRows, int nodes, bool varyNodes, int treeRows,
        int negatives, int outputRows, bool mean, bool gensimTargets = false)
    {
        var inputs = new List<int>();
        var inputOffsets = new List<int> { 0 };
        var nodeIds = new List<int>();
        var labels = new List<float>();
        var nodeOffsets = new List<int> { 0 };
        var targets = new List<int>();
        for (int e = 0; e < examples; e++)
        {
            int count = 1 + random.Next(maxInputs);
            for (int i = 0; i < count; i++)
            {
                inputs.Add(random.Next(inputRows));
            }

            inputOffsets.Add(inputs.Count);
            int n = varyNodes && e > 0 ? random.Next(nodes + 1) : nodes;
            for (int k = 0; k < n; k++)
            {
                nodeIds.Add(random.Next(treeRows));
                labels.Add(random.Next(2));
            }

            nodeOffsets.Add(nodeIds.Count);
            for (int k = 0; k <= negatives; k++)
            {
                targets.Add(random.Next(outputRows));
            }
        }

        return new HiddenCall([.. inputs], [.. inputOffsets], [.. nodeIds], [.. labels], nodes > 0 ? [.. nodeOffsets] : [], [.. targets],
            Math.Max(negatives, 0), mean, gensimTargets);
    }
}
