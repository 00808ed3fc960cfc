using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// Batched-kernel cases shared by the managed and the native parity tests: a batched kernel against
/// <see cref="ScalarKernel.TrainBatches"/> in exact-length guarded buffers (<see cref="KernelCase"/>).
/// </summary>
internal static class BatchedCases
{
    public const float Alpha = 0.025f;

    /// <summary>Relative tolerance (absolute below 1) where dots round differently; see <see cref="SharedRows"/>.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>B values: 1 (a lone context), odd and even (the 2-context dot tiles), up to 20 (2·window for window 10).</summary>
    public static readonly int[] BatchSizes = [1, 2, 3, 4, 5, 7, 10, 13, 20];

    private static readonly ScalarKernel s_scalar = new();
    private static readonly SigmoidTable s_table = new();

    // As in KernelParityTests: a 2^21-entry table turns a bucket flip from rounding into a change of ≤ 3.6e-8 in g.
    private static readonly SigmoidTable s_fineTable = new(1 << 21);

    /// <summary>
    /// Values that are multiples of 1/8 in [−1, 1] make every dot exact in any order (as in KernelParityTests), and
    /// each batch owns its rows, so every kernel gets the same gradients and must match the scalar kernel bit for
    /// bit. Four batches, one of them empty; repeated contexts, a negative equal to the positive, a repeated
    /// negative; the last row of each matrix against the guard page.
    /// </summary>
    public static void ExactDots(IBatchedSgnsKernel kernel, int dim, int negatives, int seed)
    {
        var random = new Random(seed);
        int rows = negatives + 1;
        int[] sizes = [BatchSizes[(dim + negatives) % BatchSizes.Length], 0, 1 + (dim * 7 + negatives) % 20, dim % 2 == 0 ? 20 : 1];
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
        for (int placement = 0; placement < 4; placement++)
        {
            Compare(kernel, dim, negatives, input, output, [.. contexts], offsets, targets, placement, s_table, 0,
                $"{kernel.Name}, dim {dim}, M {negatives}, B {string.Join("/", sizes)}, placement {placement}");
        }
    }

    /// <summary>
    /// Random rows shared by six batches (later batches read what earlier ones wrote), dots spread over about ±8.
    /// Kernels sum dots in other orders, so a dot on a bucket edge may flip; with the fine table that moves g by
    /// ≤ 3.6e-8, and an element by ≤ 20 (the largest B) · 3.6e-8 · 3.5 (max|row|) ≈ 2.5e-6 per batch, under
    /// <see cref="Tolerance"/>; a wrong term, sign or order of application moves elements by far more.
    /// </summary>
    public static void SharedRows(IBatchedSgnsKernel kernel, int dim, int negatives, int seed, double tolerance = Tolerance)
    {
        var random = new Random(seed);
        int rows = negatives + 1;
        const int inputRows = 7;
        int outputRows = rows + 2;
        float a = MathF.Sqrt(12 / MathF.Sqrt(dim));
        var contexts = new List<int>();
        const int batches = 6;
        int[] offsets = new int[batches + 1];
        for (int b = 0; b < batches; b++)
        {
            int size = BatchSizes[(dim + negatives + b) % BatchSizes.Length];
            for (int i = 0; i < size; i++)
            {
                contexts.Add(random.Next(inputRows));
            }

            offsets[b + 1] = contexts.Count;
        }

        contexts[^1] = inputRows - 1;
        int[] targets = [.. Enumerable.Range(0, batches * rows).Select(_ => random.Next(outputRows))];
        targets[^1] = outputRows - 1;
        float[] input = FloatArrays.Fill(random, inputRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
        float[] output = FloatArrays.Fill(random, outputRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
        Compare(kernel, dim, negatives, input, output, [.. contexts], offsets, targets, dim % 4, s_fineTable, tolerance,
            $"{kernel.Name}, dim {dim}, M {negatives}, shared rows");
    }

    private static void Compare(IBatchedSgnsKernel kernel, int dim, int negatives, float[] input, float[] output,
        int[] contexts, int[] offsets, int[] targets, int placement, SigmoidTable table, double tolerance, string where)
    {
        using var expected = new KernelCase(dim, negatives, input, output, placement, table);
        using var actual = new KernelCase(dim, negatives, input, output, placement, table);
        float expectedLoss = expected.TrainBatches(s_scalar, contexts, offsets, targets, Alpha);
        float actualLoss = actual.TrainBatches(kernel, contexts, offsets, targets, Alpha);
        FloatArrays.AssertClose(expected.Input, actual.Input, tolerance, $"input, {where}");
        FloatArrays.AssertClose(expected.Output, actual.Output, tolerance, $"output, {where}");
        FloatArrays.AssertClose([expectedLoss], [actualLoss], Tolerance, $"loss, {where}");
    }
}
