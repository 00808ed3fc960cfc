namespace FastSgns.Kernels;

/// <summary>
/// Everything a kernel touches, as raw pointers: the input (syn0) and output (syn1neg) matrices, the per-thread
/// scratch with its length, and the sigmoid and loss tables. One context per worker thread; kernels keep no state.
/// </summary>
internal readonly unsafe struct KernelContext
{
    public float* Input { get; }

    public float* Output { get; private init; }

    /// <summary>
    /// The inner nodes of hierarchical softmax's Huffman tree (word2vec.c's syn1), at <see cref="Stride"/>; null
    /// without hierarchical softmax. Only <see cref="ISgnsKernel.TrainHidden"/> reads it.
    /// </summary>
    public float* Tree { get; init; }

    /// <summary>Floats from one row to the next, in both matrices (the constructor checks that they agree); at least <see cref="Dim"/>.</summary>
    public long Stride { get; }

    /// <summary>Floats per row that kernels read and write; scratch is checked against the size this dim needs.</summary>
    public int Dim { get; }

    /// <summary>
    /// True when every float from <see cref="Dim"/> to <see cref="Stride"/> of every row of these matrices is +0 and
    /// the caller keeps it so (<c>EmbeddingMatrix</c> allocates the padding zeroed and writes rows only through
    /// Dim-long spans). A kernel may then run whole vectors over the first round-up(Dim, vector width) ≤ Stride floats
    /// of a row with no mask: a padding lane adds exactly +0 to every dot and receives only g·(+0) sums, which are +0,
    /// so the results are bit-identical to masked tails and the padding stays +0. False (the default): kernels read
    /// and write exactly Dim floats per row, whatever the padding holds.
    /// </summary>
    public bool ZeroPadding { get; init; }

    /// <summary>64-byte aligned, owned by one thread (a <see cref="KernelWorkspace"/>).</summary>
    public float* Scratch { get; }

    /// <summary>
    /// Floats at <see cref="Scratch"/>. Every kernel checks on entry that they cover what the call needs
    /// (<see cref="PairScratch.Floats"/> or <see cref="BatchScratch.Floats"/> for <see cref="Dim"/>).
    /// </summary>
    public int ScratchFloats { get; }

    public float* Sigmoid { get; }
    public float* PositiveLoss { get; }
    public float* NegativeLoss { get; }
    public float MaxExp { get; }
    public float TableScale { get; }
    public int TableSize { get; }

    /// <summary>
    /// The kernels address both matrices with one stride, so the two given must agree; this is the one place that
    /// checks it. <paramref name="scratch"/> holds <paramref name="scratchFloats"/> floats.
    /// </summary>
    public KernelContext(float* input, long inputStride, float* output, long outputStride, int dim, SigmoidTable table, float* scratch, int scratchFloats)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputStride, dim);
        ArgumentOutOfRangeException.ThrowIfNegative(scratchFloats);
        if (outputStride != inputStride)
        {
            throw new ArgumentException($"The input rows are {inputStride} floats apart and the output rows {outputStride}; kernels need one stride.", nameof(outputStride));
        }

        Input = input;
        Output = output;
        Scratch = scratch;
        (Stride, Dim, ScratchFloats) = (inputStride, dim, scratchFloats);
        Sigmoid = table.Sigmoid;
        PositiveLoss = table.PositiveLoss;
        NegativeLoss = table.NegativeLoss;
        (MaxExp, TableScale, TableSize) = (table.MaxExp, table.Scale, table.Size);
    }

    /// <summary>
    /// This context with <see cref="Output"/> pointing at <see cref="Tree"/>: the batched kernels train output rows,
    /// and for hierarchical softmax those are the tree's inner nodes (same stride, checked when the tree was made).
    /// </summary>
    public KernelContext WithTreeAsOutput() => Tree != null ? this with { Output = Tree } : throw new InvalidOperationException("This context has no tree matrix.");

    /// <summary>A context whose scratch is <paramref name="workspace"/>.</summary>
    public KernelContext(float* input, long inputStride, float* output, long outputStride, int dim, SigmoidTable table, KernelWorkspace workspace)
        : this(input, inputStride, output, outputStride, dim, table, workspace.Pointer, workspace.Floats)
    {
    }
}
