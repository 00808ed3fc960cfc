namespace FastSgns.Kernels;

/// <summary>
/// The examples of one <see cref="ISgnsKernel.TrainHidden"/> call (one sentence in training), as flat arrays with
/// offsets. Example e has the input rows <c>Inputs[InputOffsets[e] .. InputOffsets[e+1])</c> (at least one: the
/// context words of a CBOW center word, or the one context word of a skip-gram pair), the tree rows
/// <c>Nodes[NodeOffsets[e] .. NodeOffsets[e+1])</c> of hierarchical softmax with their labels (1 − the code bit), and
/// the M+1 output rows <c>Targets[e·(M+1) ..]</c> of negative sampling, the first the positive. Either part may be
/// absent: <see cref="NodeOffsets"/> empty means no hierarchical softmax, <see cref="Targets"/> empty no negatives.
/// </summary>
internal readonly ref struct HiddenBatch
{
    public ReadOnlySpan<int> Inputs { get; init; }

    /// <summary>Examples + 1 offsets into <see cref="Inputs"/>, from 0 to its length, strictly increasing.</summary>
    public ReadOnlySpan<int> InputOffsets { get; init; }

    /// <summary>Rows of <see cref="KernelContext.Tree"/> (the Huffman tree's inner nodes).</summary>
    public ReadOnlySpan<int> Nodes { get; init; }

    /// <summary>One label per node, 0 or 1.</summary>
    public ReadOnlySpan<float> NodeLabels { get; init; }

    /// <summary>Examples + 1 offsets into <see cref="Nodes"/>, or empty without hierarchical softmax.</summary>
    public ReadOnlySpan<int> NodeOffsets { get; init; }

    /// <summary>Examples × (M+1) rows of <see cref="KernelContext.Output"/>, or empty without negative sampling.</summary>
    public ReadOnlySpan<int> Targets { get; init; }

    /// <summary>M, the negatives per example (when <see cref="Targets"/> is not empty).</summary>
    public int Negatives { get; init; }

    /// <summary>The hidden vector is the mean of the input rows (word2vec.c's CBOW); otherwise their sum.</summary>
    public bool Mean { get; init; }

    /// <summary>
    /// The output rows of negative sampling follow gensim's CBOW rule instead of word2vec.c's: a row whose dot lies
    /// outside (−MaxExp, MaxExp) gets gradient 0 (word2vec.c updates it with σ taken as 0 or 1), and so does a negative
    /// equal to the example's positive (the generator keeps it instead of redrawing: gensim and word2vec.c skip it).
    /// Neither the row nor the hidden vector moves for such a row; its loss is still counted.
    /// </summary>
    public bool GensimTargets { get; init; }

    public int Examples => InputOffsets.Length - 1;
}
