namespace FastSgns.Kernels;

/// <summary>
/// The batches of one <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/> call: B context rows against T target
/// rows of <see cref="KernelContext.Output"/>, T per batch and a label per target, the targets of a batch distinct.
/// Batch b owns the contexts <c>Contexts[Offsets[b] .. Offsets[b+1])</c> and the targets
/// <c>Targets[TargetOffsets[b] .. TargetOffsets[b+1])</c> with <c>Labels</c> at the same positions. Skip-gram's
/// hierarchical softmax is this shape: the 2b context rows of a center word all predict its Huffman path, the
/// targets its inner nodes and the labels 1 − the code bits.
/// </summary>
internal readonly ref struct LabeledBatches
{
    public ReadOnlySpan<int> Contexts { get; init; }

    /// <summary>Batches + 1 non-decreasing offsets into <see cref="Contexts"/>.</summary>
    public ReadOnlySpan<int> Offsets { get; init; }

    public ReadOnlySpan<int> Targets { get; init; }

    /// <summary>Batches + 1 non-decreasing offsets into <see cref="Targets"/> and <see cref="Labels"/>.</summary>
    public ReadOnlySpan<int> TargetOffsets { get; init; }

    /// <summary>One label per target, 0 or 1.</summary>
    public ReadOnlySpan<float> Labels { get; init; }

    public int Count => Offsets.Length - 1;
}
