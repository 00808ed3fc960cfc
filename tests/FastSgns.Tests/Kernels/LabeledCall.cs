using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>The arrays of one <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/> call, kept as arrays so a theory can reuse them across kernels.</summary>
internal sealed record LabeledCall(int[] Contexts, int[] Offsets, int[] Targets, int[] TargetOffsets, float[] Labels)
{
    public LabeledBatches ToBatches() => new()
    {
        Contexts = Contexts, Offsets = Offsets, Targets = Targets, TargetOffsets = TargetOffsets, Labels = Labels,
    };

    /// <summary>Scratch for this call, exactly: the most targets and the most contexts of any batch.</summary>
    public int Scratch() => PathBatchScratch.Floats(Largest(TargetOffsets), Largest(Offsets));

    /// <summary>
    /// Random batches of <paramref name="sizes"/>[b] contexts and <paramref name="paths"/>[b] distinct targets (as a
    /// path's inner nodes are) with random labels; with <paramref name="ownRows"/> every batch has rows of its own (so
    /// dots read only pre-call values), otherwise all batches draw from <paramref name="inputRows"/> and
    /// <paramref name="outputRows"/> (at least the longest path).
    /// </summary>
    public static LabeledCall Random(Random random, int[] sizes, int[] paths, bool ownRows, int inputRows, int outputRows)
    {
        var contexts = new List<int>();
        var targets = new List<int>();
        var labels = new List<float>();
        int[] offsets = new int[sizes.Length + 1], targetOffsets = new int[sizes.Length + 1];
        int inputBase = 0, outputBase = 0;
        for (int b = 0; b < sizes.Length; b++)
        {
            for (int i = 0; i < sizes[b]; i++)
            {
                // A repeated context in every batch of two or more.
                contexts.Add(ownRows ? (i == 1 ? contexts[offsets[b]] : inputBase + random.Next(sizes[b])) : random.Next(inputRows));
            }

            int[] rows = [.. Enumerable.Range(ownRows ? outputBase : 0, ownRows ? paths[b] : outputRows)];
            random.Shuffle(rows);
            for (int k = 0; k < paths[b]; k++)
            {
                targets.Add(rows[k]);
                labels.Add(random.Next(2));
            }

            if (ownRows)
            {
                (inputBase, outputBase) = (inputBase + sizes[b], outputBase + paths[b]);
            }

            offsets[b + 1] = contexts.Count;
            targetOffsets[b + 1] = targets.Count;
        }

        return new LabeledCall([.. contexts], offsets, [.. targets], targetOffsets, [.. labels]);
    }

    private static int Largest(int[] offsets) => offsets.Zip(offsets.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max();
}
