namespace FastSgns.Kernels;

/// <summary>
/// Everything a kernel touches, as raw pointers: the input (syn0) and output (syn1neg) matrices, the per-thread
/// scratch with its length, and the sigmoid and loss tables. One context per worker thread; kernels keep no state.
/// </summary>
public readonly unsafe struct KernelContext
{
    public readonly float* Input;
    public readonly float* Output;

    /// <summary>Floats from one row to the next, in both matrices (the constructor checks that they agree); at least <see cref="Dim"/>.</summary>
    public readonly long Stride;

    /// <summary>Floats per row that kernels read and write; scratch is checked against the size this dim needs.</summary>
    public readonly int Dim;

    /// <summary>64-byte aligned, owned by one thread (a <see cref="KernelWorkspace"/>).</summary>
    public readonly float* Scratch;

    /// <summary>
    /// Floats at <see cref="Scratch"/>. Every kernel checks on entry that they cover what the call needs
    /// (<see cref="PairScratch.Floats"/> or <see cref="BatchScratch.Floats"/> for <see cref="Dim"/>).
    /// </summary>
    public readonly int ScratchFloats;

    public readonly float* Sigmoid;
    public readonly float* PositiveLoss;
    public readonly float* NegativeLoss;
    public readonly float MaxExp;
    public readonly float TableScale;
    public readonly int TableSize;

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
        Stride = inputStride;
        Dim = dim;
        Scratch = scratch;
        ScratchFloats = scratchFloats;
        Sigmoid = table.Sigmoid;
        PositiveLoss = table.PositiveLoss;
        NegativeLoss = table.NegativeLoss;
        MaxExp = table.MaxExp;
        TableScale = table.Scale;
        TableSize = table.Size;
    }

    /// <summary>A context whose scratch is <paramref name="workspace"/>.</summary>
    public KernelContext(float* input, long inputStride, float* output, long outputStride, int dim, SigmoidTable table, KernelWorkspace workspace)
        : this(input, inputStride, output, outputStride, dim, table, workspace.Pointer, workspace.Floats)
    {
    }
}
