namespace FastSgns.Kernels;

/// <summary>
/// Everything a kernel touches, as raw pointers: the input (syn0) and output (syn1neg) matrices with their row
/// stride, the sigmoid and loss tables, and per-thread scratch. One context per worker thread; kernels keep no state.
/// </summary>
internal readonly unsafe struct KernelContext
{
    public readonly float* Input;
    public readonly float* Output;
    public readonly long Stride;
    public readonly int Dim;
    public readonly float* Sigmoid;
    public readonly float* PositiveLoss;
    public readonly float* NegativeLoss;
    public readonly int TableSize;
    public readonly float MaxExp;
    public readonly float TableScale;

    /// <summary>At least <see cref="ScratchFloats"/> floats, 64-byte aligned, owned by one thread.</summary>
    public readonly float* Scratch;

    public KernelContext(float* input, float* output, long stride, int dim, SigmoidTable table, float* scratch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, dim);
        Input = input;
        Output = output;
        Stride = stride;
        Dim = dim;
        Sigmoid = table.Sigmoid;
        PositiveLoss = table.PositiveLoss;
        NegativeLoss = table.NegativeLoss;
        TableSize = table.Size;
        MaxExp = table.MaxExp;
        TableScale = table.Scale;
        Scratch = scratch;
    }

    /// <summary>Scratch a kernel may use: a dim-long gradient plus room for the M+1 dots, gradients and entries.</summary>
    public static int ScratchFloats(int dim, int negatives) => RoundUp(dim, 16) + 4 * RoundUp(negatives + 1, 16);

    /// <summary>
    /// Scratch for <see cref="IBatchedSgnsKernel.TrainBatches"/> with batches of at most <paramref name="maxBatch"/>
    /// contexts: the B×round16(M+1) dots/gradients, B + M+1 row pointers, and one 16-float chunk of ΔC per context and
    /// of ΔO per target. Never less than <see cref="ScratchFloats"/>, so one buffer serves both modes.
    /// </summary>
    public static int BatchedScratchFloats(int dim, int negatives, int maxBatch)
    {
        int rows = RoundUp(negatives + 1, 16);
        int batched = maxBatch * rows + 2 * (maxBatch + rows) + 16 * (maxBatch + rows) + 16;
        return Math.Max(ScratchFloats(dim, negatives), RoundUp(batched, 16));
    }

    internal static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
