using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// The batched kernels with a bf16 output matrix (<see cref="KernelContext.OutputBf16"/>) against the scalar
/// reference: with exact dots every managed kernel must store the same bf16 bits, leave the input rows and the
/// rounding generators in the same state, and touch nothing past each row's dim (matrices and scratch against guard
/// pages, rows exact or padded, misaligned (placements 1 to 3, and by 2 bytes when the count of values is odd),
/// padding marked).
/// </summary>
public sealed unsafe class Bf16KernelTests
{
    private const float Alpha = 0.025f;

    private const ushort PaddingMark = 0x5A5A;

    private static readonly ScalarKernel s_reference = new();

    private static readonly SigmoidTable s_table = new();

    private static readonly int[] s_negatives = [0, 1, 4, 5, 7, 16, 25];

    /// <summary>Every managed kernel but the reference (the native one has no bf16 rows), with every dim of the suite.</summary>
    public static TheoryData<string, int> ManagedKernelsAndDims
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (ISgnsKernel kernel in KernelData.All.Where(k => k is not NativeKernel && k.Name != KernelData.Reference))
            {
                foreach (int dim in KernelData.Dims)
                {
                    data.Add(kernel.Name, dim);
                }
            }

            return data;
        }
    }

    /// <summary>
    /// Rows of multiples of 1/8 in [−1, 1] (exact in bf16, and every dot exact in any order), each batch owning its
    /// rows as in the float suite, with repeated contexts, a negative equal to the positive and a repeated negative:
    /// the same gradients everywhere, so the same stochastic roundings, bit for bit.
    /// </summary>
    [Theory]
    [MemberData(nameof(ManagedKernelsAndDims))]
    public void TrainBatches_Bf16_MatchesScalarBitForBit_WhenDotsAreExact(string name, int dim)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        foreach (int negatives in s_negatives)
        {
            var random = new Random(dim * 31 + negatives);
            int rows = negatives + 1;
            int[] sizes = [1 + (dim + negatives) % 20, 0, 2, dim % 2 == 0 ? 20 : 7];
            var contexts = new List<int>();
            int[] offsets = new int[sizes.Length + 1];
            int[] targets = new int[sizes.Length * rows];
            int inputRows = 0;
            for (int b = 0; b < sizes.Length; b++)
            {
                for (int i = 0; i < sizes[b]; i++)
                {
                    contexts.Add(i == 1 ? contexts[offsets[b]] : inputRows + random.Next(sizes[b]));
                }

                inputRows += sizes[b];
                offsets[b + 1] = contexts.Count;
                for (int k = 0; k < rows; k++)
                {
                    targets[b * rows + k] = k is 1 or 3 ? targets[b * rows + k - 1] : b * rows + random.Next(rows);
                }
            }

            contexts[^1] = inputRows - 1;
            targets[^1] = sizes.Length * rows - 1;
            float[] input = FloatArrays.Fill(random, inputRows * dim, r => r.Next(-8, 9) / 8f);
            ushort[] output = [.. FloatArrays.Fill(random, sizes.Length * rows * dim, r => r.Next(-8, 9) / 8f).Select(v => (ushort)(BitConverter.SingleToUInt32Bits(v) >> 16))];
            ulong seed = (ulong)(dim * 1000 + negatives);
            var expected = Run(s_reference, new KernelLayout(false, 0), dim, negatives, input, output, [.. contexts], offsets, targets, seed);
            foreach (KernelLayout layout in KernelLayout.All)
            {
                var actual = Run(kernel, layout, dim, negatives, input, output, [.. contexts], offsets, targets, seed);
                string where = $"{name}, dim {dim}, M {negatives}, {layout}";
                Assert.True(expected.Input.AsSpan().SequenceEqual(actual.Input), $"input rows differ: {where}");
                int differs = expected.Output.AsSpan().CommonPrefixLength(actual.Output);
                Assert.True(differs == expected.Output.Length,
                    $"bf16 output rows differ at value {differs} (row {differs / dim}, column {differs % dim}): {Bf16.Widen(expected.Output[Math.Min(differs, expected.Output.Length - 1)])} expected, {Bf16.Widen(actual.Output[Math.Min(differs, actual.Output.Length - 1)])}: {where}");
                Assert.True(expected.Lanes.AsSpan().SequenceEqual(actual.Lanes), $"rounding generators differ (draw count or order): {where}");
                FloatArrays.AssertClose([expected.Loss], [actual.Loss], 1e-5, $"loss, {where}");
            }
        }
    }

    /// <summary>Without a scratch sized for bf16 (snapshot and generators), a bf16 call is refused before any row is touched.</summary>
    [Fact]
    public void TrainBatches_Bf16_Throws_WhenScratchLacksTheSnapshot()
    {
        const int dim = 20;
        using var input = new GuardedBuffer(dim, 0);
        using var output = new GuardedBuffer(dim, 0);
        int floats = BatchScratch.Floats(dim, 1, 1);
        using var scratch = new GuardedBuffer(floats, 0);
        var context = new KernelContext(input.Pointer, dim, null, dim, dim, s_table, scratch.Pointer, floats) { OutputBf16 = (ushort*)output.Pointer };
        foreach (IBatchedSgnsKernel kernel in KernelData.All.OfType<IBatchedSgnsKernel>().Where(k => k is not NativeKernel && k.IsSupported))
        {
            var error = Assert.Throws<ArgumentException>(() => kernel.TrainBatches(context, [0], [0, 1], [0, 0], 1, Alpha));
            Assert.Contains("scratch", error.Message);
        }
    }

    private sealed record Result(float[] Input, ushort[] Output, uint[] Lanes, float Loss);

    private static Result Run(IBatchedSgnsKernel kernel, KernelLayout layout, int dim, int negatives, float[] input, ushort[] output,
        int[] contexts, int[] offsets, int[] targets, ulong seed)
    {
        int stride = layout.StrideFor(dim);
        int inputRows = input.Length / dim, outputRows = output.Length / dim;
        using var inputs = new GuardedBuffer(inputRows * stride, layout.Placement);
        inputs.Span.Fill(float.NaN);
        for (int r = 0; r < inputRows; r++)
        {
            input.AsSpan(r * dim, dim).CopyTo(inputs.Span.Slice(r * stride, dim));
        }

        // The bf16 rows end against the guard page; an odd count of values shifts them by 2 bytes from the float grid.
        int values = outputRows * stride;
        using var outputs = new GuardedBuffer((values + 1) / 2, layout.Placement);
        ushort* bf16 = (ushort*)outputs.Pointer + ((values + 1) / 2 * 2 - values);
        new Span<ushort>(bf16, values).Fill(PaddingMark);
        for (int r = 0; r < outputRows; r++)
        {
            output.AsSpan(r * dim, dim).CopyTo(new Span<ushort>(bf16 + r * stride, dim));
        }

        int largest = offsets.Zip(offsets.Skip(1), (a, b) => b - a).Max();
        int floats = BatchScratch.Floats(dim, negatives, largest, bf16: true);
        using var scratch = new GuardedBuffer(floats, 0);
        var context = new KernelContext(inputs.Pointer, stride, null, stride, dim, s_table, scratch.Pointer, floats) { OutputBf16 = bf16 };
        uint* lanes = BatchScratch.Lanes(context);
        Bf16.Seed(lanes, seed);
        float loss = kernel.TrainBatches(context, contexts, offsets, targets, negatives, alpha: Alpha);

        var resultInput = new float[input.Length];
        var resultOutput = new ushort[output.Length];
        for (int r = 0; r < inputRows; r++)
        {
            inputs.Span.Slice(r * stride, dim).CopyTo(resultInput.AsSpan(r * dim, dim));
        }

        for (int r = 0; r < outputRows; r++)
        {
            new Span<ushort>(bf16 + r * stride, dim).CopyTo(resultOutput.AsSpan(r * dim, dim));
            for (int j = dim; j < stride; j++)
            {
                Assert.True(bf16[r * stride + j] == PaddingMark, $"{kernel.Name} wrote bf16 padding at row {r}, value {j}");
            }
        }

        return new Result(resultInput, resultOutput, new Span<uint>(lanes, Bf16.Lanes).ToArray(), loss);
    }
}
