using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// Input and output matrices for one kernel run in the given <see cref="KernelLayout"/>, and scratch of exactly the
/// given length with its last float against a guard page, so a kernel that writes past what its layout declares
/// crashes the run. Row padding holds a marked NaN: a kernel that reads it poisons its result, one that writes it
/// fails <see cref="AssertPaddingIntact"/>; in a zero-padded layout it holds +0, which must stay +0 bit for bit.
/// </summary>
internal sealed unsafe class KernelCase : IDisposable
{
    private static readonly float s_padding = BitConverter.Int32BitsToSingle(0x7FC0_5A5A);

    private readonly GuardedBuffer _input;
    private readonly GuardedBuffer _output;
    private readonly GuardedBuffer _scratch;
    private readonly GuardedBuffer? _tree;
    private readonly int _stride;
    private readonly float _padding;

    public KernelCase(KernelLayout layout, int dim, int negatives, ReadOnlySpan<float> input, ReadOnlySpan<float> output, int scratchFloats, SigmoidTable table)
        : this(layout, dim, negatives, input, output, [], scratchFloats, table)
    {
    }

    /// <summary>A case with a tree matrix (hierarchical softmax's inner nodes) laid out as the others; empty: none.</summary>
    public KernelCase(KernelLayout layout, int dim, int negatives, ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> tree, int scratchFloats, SigmoidTable table)
    {
        Dim = dim;
        Negatives = negatives;
        _stride = layout.StrideFor(dim);
        _padding = layout.ZeroPadding ? 0f : s_padding;
        _input = Matrix(input, dim, _stride, layout.Placement, _padding);
        _output = Matrix(output, dim, _stride, layout.Placement, _padding);
        _scratch = new GuardedBuffer(scratchFloats, 0);
        _tree = tree.IsEmpty ? null : Matrix(tree, dim, _stride, layout.Placement, _padding);
        Context = new KernelContext(_input.Pointer, _stride, _output.Pointer, _stride, dim, table, _scratch.Pointer, scratchFloats)
        {
            Tree = _tree is null ? null : _tree.Pointer,
            ZeroPadding = layout.ZeroPadding,
        };
    }

    public int Dim { get; }

    public int Negatives { get; }

    public KernelContext Context { get; }

    /// <summary>The input rows as dim-long rows back to back (padding left out).</summary>
    public float[] Input => Rows(_input);

    public float[] Output => Rows(_output);

    public float[] Tree => _tree is null ? [] : Rows(_tree);

    /// <summary>Scratch for hidden-vector calls at this dim with parts of up to <paramref name="rows"/> rows, exactly.</summary>
    public static int HiddenScratch(int dim, int rows) => FastSgns.Kernels.HiddenScratch.Floats(dim, rows);

    public float TrainHidden(ISgnsKernel kernel, HiddenCall call, float alpha) =>
        kernel.TrainHidden(Context, call.ToBatch(), alpha);

    /// <summary>Scratch for pairs at this dim and M, exactly.</summary>
    public static int PairScratch(int dim, int negatives) => FastSgns.Kernels.PairScratch.Floats(dim, negatives);

    /// <summary>Scratch for batches up to the largest in <paramref name="offsets"/>, exactly.</summary>
    public static int BatchScratch(int dim, int negatives, int[] offsets) =>
        FastSgns.Kernels.BatchScratch.Floats(dim, negatives, offsets.Zip(offsets.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max());

    public float TrainPairs(ISgnsKernel kernel, int[] inputs, int[] targets, float alpha) =>
        kernel.TrainPairs(Context, inputs, targets, Negatives, alpha);

    public float TrainBatches(IBatchedSgnsKernel kernel, int[] contexts, int[] offsets, int[] targets, float alpha) =>
        kernel.TrainBatches(Context, contexts, offsets, targets, Negatives, alpha);

    public float TrainLabeledBatches(IBatchedSgnsKernel kernel, LabeledCall call, float alpha) =>
        kernel.TrainLabeledBatches(Context, call.ToBatches(), alpha);

    public void AssertPaddingIntact(string where)
    {
        foreach ((GuardedBuffer? matrix, string name) in new[] { (_input, "input"), (_output, "output"), (_tree, "tree") })
        {
            for (int e = 0; matrix is not null && e < matrix.Length; e++)
            {
                if (e % _stride >= Dim)
                {
                    Assert.True(BitConverter.SingleToInt32Bits(matrix.Span[e]) == BitConverter.SingleToInt32Bits(_padding),
                        $"{where}: the kernel wrote {name} padding at row {e / _stride}, float {e % _stride}");
                }
            }
        }
    }

    private static GuardedBuffer Matrix(ReadOnlySpan<float> rows, int dim, int stride, int placement, float padding)
    {
        int count = rows.Length / dim;
        var buffer = new GuardedBuffer(count * stride, placement);
        buffer.Span.Fill(padding);
        for (int r = 0; r < count; r++)
        {
            rows.Slice(r * dim, dim).CopyTo(buffer.Span.Slice(r * stride, dim));
        }

        return buffer;
    }

    private float[] Rows(GuardedBuffer matrix)
    {
        int count = matrix.Length / _stride;
        var rows = new float[count * Dim];
        for (int r = 0; r < count; r++)
        {
            matrix.Span.Slice(r * _stride, Dim).CopyTo(rows.AsSpan(r * Dim, Dim));
        }

        return rows;
    }

    public void Dispose()
    {
        _input.Dispose();
        _output.Dispose();
        _scratch.Dispose();
        _tree?.Dispose();
    }
}
