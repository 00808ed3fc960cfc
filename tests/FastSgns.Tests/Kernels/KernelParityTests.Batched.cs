using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>The suite's batched half: <see cref="IBatchedSgnsKernel.TrainBatches"/> against the scalar reference.</summary>
public sealed partial class KernelParityTests
{
    /// <summary>B values: 1 (a lone context), odd and even (the 2-context dot tiles), up to 20 (2·window for window 10).</summary>
    private static readonly int[] s_batchSizes = [1, 2, 3, 4, 5, 7, 10, 13, 20];

    /// <summary>
    /// Values that are multiples of 1/8 in [−1, 1] make every dot exact in any order, and each batch owns its rows,
    /// so every kernel gets the same gradients and must match the scalar kernel bit for bit. Four batches, one of
    /// them empty; repeated contexts, a negative equal to the positive, a repeated negative; the last row of each
    /// matrix against the guard page in the exact layouts.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.ComparedKernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainBatches_MatchesScalarBitForBit_WhenDotsAreExact(string name, int dim)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        foreach (int negatives in KernelData.Negatives)
        {
            var random = new Random(dim * 100 + negatives);
            int rows = negatives + 1;
            int[] sizes = [s_batchSizes[(dim + negatives) % s_batchSizes.Length], 0, 1 + (dim * 7 + negatives) % 20, dim % 2 == 0 ? 20 : 1];
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
            float[] output = FloatArrays.Fill(random, sizes.Length * rows * dim, r => r.Next(-8, 9) / 8f);
            CompareBatches(kernel, dim, negatives, input, output, [.. contexts], offsets, targets, KernelLayout.AllWithZeroPadded, s_table, 0,
                $"{name}, dim {dim}, M {negatives}, B {string.Join("/", sizes)}");
        }
    }

    /// <summary>
    /// Random rows shared by six batches (later batches read what earlier ones wrote), dots spread over about ±8.
    /// Kernels sum dots in other orders, so a dot on a bucket edge may flip; with the fine table that moves g by
    /// ≤ 3.6e-8, and an element by ≤ 20 (the largest B) · 3.6e-8 · 3.5 (max|row|) ≈ 2.5e-6 per batch, under
    /// <see cref="Tolerance"/>; a wrong term, sign or order of application moves elements by far more.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.ComparedKernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainBatches_MatchesScalarWithinTolerance_WhenBatchesShareRows(string name, int dim)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        foreach (int negatives in KernelData.Negatives)
        {
            var random = new Random(1000 + dim * 100 + negatives);
            int rows = negatives + 1;
            const int inputRows = 7;
            const int batches = 6;
            int outputRows = rows + 2;
            float a = MathF.Sqrt(12 / MathF.Sqrt(dim));
            List<int> contexts = RandomContexts(random, dim + negatives, batches, inputRows, out int[] offsets);

            contexts[^1] = inputRows - 1;
            int[] targets = [.. Enumerable.Range(0, batches * rows).Select(_ => random.Next(outputRows))];
            targets[^1] = outputRows - 1;
            float[] input = FloatArrays.Fill(random, inputRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            float[] output = FloatArrays.Fill(random, outputRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            KernelLayout layout = KernelLayout.All[(dim + negatives) % KernelLayout.All.Length];
            KernelLayout zeroPadded = KernelLayout.ZeroPadded[(dim + negatives) % KernelLayout.ZeroPadded.Length];
            CompareBatches(kernel, dim, negatives, input, output, [.. contexts], offsets, targets, [layout, zeroPadded], s_fineTable,
                KernelData.SharedRowsTolerance(name, Tolerance), $"{name}, dim {dim}, M {negatives}, shared rows");
        }
    }

    /// <summary>
    /// Zero padding declared lets a kernel run whole vectors with no mask (and, for batches of distinct contexts, the
    /// one-pass update): with dots that round, on rows shared across batches, a random mix of distinct and repeated
    /// contexts and targets, the result must equal the same kernel's masked run on NaN-padded rows bit for bit, and
    /// the padding must stay +0.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.ComparedKernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainBatches_ZeroPaddedMatchesMaskedBitForBit(string name, int dim)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        foreach (int negatives in KernelData.Negatives)
        {
            var random = new Random(2000 + dim * 100 + negatives);
            int rows = negatives + 1;
            const int inputRows = 40;
            const int batches = 12;
            int outputRows = 3 * rows + 2;
            float a = MathF.Sqrt(12 / MathF.Sqrt(dim));
            List<int> contexts = RandomContexts(random, dim + negatives, batches, inputRows, out int[] offsets);

            int[] targets = [.. Enumerable.Range(0, batches * rows).Select(_ => random.Next(outputRows))];
            float[] input = FloatArrays.Fill(random, inputRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            float[] output = FloatArrays.Fill(random, outputRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            int scratch = KernelCase.BatchScratch(dim, negatives, offsets);
            string where = $"{name}, dim {dim}, M {negatives}";
            using var masked = new KernelCase(new KernelLayout(true, 0), dim, negatives, input, output, scratch, s_fineTable);
            float maskedLoss = masked.TrainBatches(kernel, [.. contexts], offsets, targets, Alpha);
            foreach (KernelLayout layout in KernelLayout.ZeroPadded)
            {
                using var whole = new KernelCase(layout, dim, negatives, input, output, scratch, s_fineTable);
                float wholeLoss = whole.TrainBatches(kernel, [.. contexts], offsets, targets, Alpha);
                whole.AssertPaddingIntact($"{where}, {layout}");
                FloatArrays.AssertClose(masked.Input, whole.Input, 0, $"input, {where}, {layout}");
                FloatArrays.AssertClose(masked.Output, whole.Output, 0, $"output, {where}, {layout}");
                FloatArrays.AssertClose([maskedLoss], [wholeLoss], 0, $"loss, {where}, {layout}");
            }
        }
    }

    /// <summary>
    /// <paramref name="batches"/> batches of contexts drawn from <paramref name="inputRows"/> rows, of the sizes in
    /// s_batchSizes from <paramref name="shape"/> on, so repeats within and across batches occur; their bounds in
    /// <paramref name="offsets"/>.
    /// </summary>
    private static List<int> RandomContexts(Random random, int shape, int batches, int inputRows, out int[] offsets)
    {
        var contexts = new List<int>();
        offsets = new int[batches + 1];
        for (int b = 0; b < batches; b++)
        {
            int size = s_batchSizes[(shape + b) % s_batchSizes.Length];
            for (int i = 0; i < size; i++)
            {
                contexts.Add(random.Next(inputRows));
            }

            offsets[b + 1] = contexts.Count;
        }

        return contexts;
    }

    private static void CompareBatches(IBatchedSgnsKernel kernel, int dim, int negatives, float[] input, float[] output,
        int[] contexts, int[] offsets, int[] targets, KernelLayout[] layouts, SigmoidTable table, double tolerance, string where)
    {
        int scratch = KernelCase.BatchScratch(dim, negatives, offsets);
        using var expected = new KernelCase(s_plain, dim, negatives, input, output, scratch, table);
        float expectedLoss = expected.TrainBatches(s_reference, contexts, offsets, targets, Alpha);
        float[] expectedInput = expected.Input, expectedOutput = expected.Output;
        foreach (KernelLayout layout in layouts)
        {
            using var actual = new KernelCase(layout, dim, negatives, input, output, scratch, table);
            float actualLoss = actual.TrainBatches(kernel, contexts, offsets, targets, Alpha);
            actual.AssertPaddingIntact($"{where}, {layout}");
            FloatArrays.AssertClose(expectedInput, actual.Input, tolerance, $"input, {where}, {layout}");
            FloatArrays.AssertClose(expectedOutput, actual.Output, tolerance, $"output, {where}, {layout}");
            FloatArrays.AssertClose([expectedLoss], [actualLoss], Tolerance, $"loss, {where}, {layout}");
        }
    }
}
