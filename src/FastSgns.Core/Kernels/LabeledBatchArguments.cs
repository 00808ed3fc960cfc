namespace FastSgns.Kernels;

/// <summary>The argument checks every <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/> makes before it touches a row.</summary>
internal static class LabeledBatchArguments
{
    /// <summary>
    /// Throws unless both offset lists are non-decreasing within their arrays, one per batch + 1, every target has a
    /// label and the context's scratch holds what the largest batch needs (<see cref="PathBatchScratch.Floats"/> with
    /// the most targets and the most contexts of any batch).
    /// </summary>
    public static void Validate(in KernelContext context, in LabeledBatches batches)
    {
        if (batches.Offsets.IsEmpty)
        {
            throw new ArgumentException("Offsets need at least one entry (batch count + 1).", nameof(batches));
        }

        if (batches.TargetOffsets.Length != batches.Offsets.Length)
        {
            throw new ArgumentException($"{batches.Count} batches need {batches.Offsets.Length} target offsets; got {batches.TargetOffsets.Length}.", nameof(batches));
        }

        if (batches.Labels.Length != batches.Targets.Length)
        {
            throw new ArgumentException($"{batches.Targets.Length} targets need as many labels; got {batches.Labels.Length}.", nameof(batches));
        }

        int contexts = Largest(batches.Offsets, batches.Contexts.Length, "context");
        int targets = Largest(batches.TargetOffsets, batches.Targets.Length, "target");
        KernelWorkspace.Require(context, PathBatchScratch.Floats(targets, contexts), nameof(KernelWorkspace.ForPathBatches));
    }

    private static int Largest(ReadOnlySpan<int> offsets, int length, string what)
    {
        int previous = offsets[0];
        if (previous < 0)
        {
            throw new ArgumentException($"The {what} offsets start at {previous}, below 0.", "batches");
        }

        int largest = 0;
        for (int b = 1; b < offsets.Length; b++)
        {
            if (offsets[b] < previous)
            {
                throw new ArgumentException($"The {what} offsets decrease at batch {b - 1} ({previous} then {offsets[b]}).", "batches");
            }

            largest = Math.Max(largest, offsets[b] - previous);
            previous = offsets[b];
        }

        if (previous > length)
        {
            throw new ArgumentException($"The {what} offsets end at {previous}, past the {length} {what}s.", "batches");
        }

        return largest;
    }
}
