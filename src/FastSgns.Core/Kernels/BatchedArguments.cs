namespace FastSgns.Kernels;

/// <summary>The argument checks every <see cref="IBatchedSgnsKernel"/> makes before it touches a row.</summary>
internal static class BatchedArguments
{
    /// <summary>
    /// <see cref="Validate(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, int)"/>, then throws unless the
    /// context's scratch holds what the largest batch needs.
    /// </summary>
    public static void Validate(in KernelContext context, ReadOnlySpan<int> contexts, ReadOnlySpan<int> offsets, ReadOnlySpan<int> targets, int negatives)
    {
        int largest = Validate(contexts, offsets, targets, negatives);
        KernelWorkspace.Require(context, BatchScratch.Floats(context.Dim, negatives, largest), nameof(KernelWorkspace.ForBatches));
    }

    /// <summary>
    /// Throws unless the offsets are non-decreasing within the contexts and every batch has its M+1 targets; returns
    /// the largest batch.
    /// </summary>
    public static int Validate(ReadOnlySpan<int> contexts, ReadOnlySpan<int> offsets, ReadOnlySpan<int> targets, int negatives)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(negatives);
        if (offsets.IsEmpty)
        {
            throw new ArgumentException("Offsets need at least one entry (batch count + 1).", nameof(offsets));
        }

        int previous = offsets[0];
        int largest = 0;
        if (previous < 0)
        {
            throw new ArgumentException($"Offsets start at {previous}, below 0.", nameof(offsets));
        }

        for (int b = 1; b < offsets.Length; b++)
        {
            if (offsets[b] < previous)
            {
                throw new ArgumentException($"Offsets decrease at batch {b - 1} ({previous} then {offsets[b]}).", nameof(offsets));
            }

            largest = Math.Max(largest, offsets[b] - previous);
            previous = offsets[b];
        }

        if (previous > contexts.Length)
        {
            throw new ArgumentException($"Offsets end at {previous}, past the {contexts.Length} contexts.", nameof(offsets));
        }

        long needed = (long)(offsets.Length - 1) * (negatives + 1);
        if (targets.Length < needed)
        {
            throw new ArgumentException($"{offsets.Length - 1} batches with {negatives} negatives need {needed} targets; got {targets.Length}.", nameof(targets));
        }

        return largest;
    }
}
