namespace FastSgns.Kernels;

/// <summary>The checks every <see cref="ISgnsKernel.TrainHidden"/> makes before it touches a row; returns R for <see cref="HiddenScratch"/>.</summary>
internal static unsafe class HiddenArguments
{
    public static int Validate(in KernelContext context, in HiddenBatch batch)
    {
        if (batch.InputOffsets.IsEmpty)
        {
            throw new ArgumentException("A hidden-vector call needs examples + 1 input offsets; got none.", nameof(batch));
        }

        int examples = batch.Examples;
        CheckOffsets(batch.InputOffsets, batch.Inputs.Length, "input", requireGrowth: true);
        if (!batch.NodeOffsets.IsEmpty)
        {
            if (batch.NodeOffsets.Length != examples + 1)
            {
                throw new ArgumentException($"{examples} examples need {examples + 1} node offsets; got {batch.NodeOffsets.Length}.", nameof(batch));
            }

            CheckOffsets(batch.NodeOffsets, batch.Nodes.Length, "node", requireGrowth: false);
            if (batch.NodeLabels.Length != batch.Nodes.Length)
            {
                throw new ArgumentException($"{batch.Nodes.Length} nodes need as many labels; got {batch.NodeLabels.Length}.", nameof(batch));
            }

            if (context.Tree == null && batch.Nodes.Length > 0)
            {
                throw new ArgumentException("Nodes of hierarchical softmax need the context's tree matrix.", nameof(context));
            }
        }
        else if (!batch.Nodes.IsEmpty)
        {
            throw new ArgumentException("Nodes without node offsets.", nameof(batch));
        }

        if (!batch.Targets.IsEmpty)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(batch.Negatives);
            long needed = (long)examples * (batch.Negatives + 1);
            if (batch.Targets.Length != needed)
            {
                throw new ArgumentException($"{examples} examples with {batch.Negatives} negatives need {needed} targets; got {batch.Targets.Length}.", nameof(batch));
            }
        }

        int rows = HiddenScratch.RowsOf(batch);
        KernelWorkspace.Require(context, HiddenScratch.Floats(context.Dim, rows), nameof(KernelWorkspace.ForHidden));
        return rows;
    }

    private static void CheckOffsets(ReadOnlySpan<int> offsets, int length, string what, bool requireGrowth)
    {
        if (offsets[0] != 0 || offsets[^1] != length)
        {
            throw new ArgumentException($"The {what} offsets must run from 0 to {length}; they run from {offsets[0]} to {offsets[^1]}.", "batch");
        }

        for (int e = 0; e + 1 < offsets.Length; e++)
        {
            int count = offsets[e + 1] - offsets[e];
            if (count < (requireGrowth ? 1 : 0))
            {
                throw new ArgumentException($"Example {e} has {count} {what} rows; offsets must {(requireGrowth ? "increase" : "not decrease")}.", "batch");
            }
        }
    }
}
