using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// <see cref="IBatchedSgnsKernel"/>'s reference, <see cref="ScalarKernel.TrainBatches"/>, against the per-pair
/// algebra it stands for. Every other kernel is compared with the reference in <see cref="KernelParityTests"/>.
/// </summary>
public sealed class BatchedKernelTests
{
    private static readonly SigmoidTable s_table = new();

    public static TheoryData<int, int, int> AlgebraCases => new()
    {
        { 1, 1, 1 }, { 7, 5, 6 }, { 16, 3, 2 }, { 50, 5, 10 }, { 100, 5, 20 }, { 33, 25, 13 }, { 320, 15, 3 }, { 129, 8, 7 },
    };

    /// <summary>
    /// One batch equals the sum of its B·(M+1) per-pair updates, each taken from the pre-batch rows with the shared
    /// negatives: context i gains g_ik·O_k and target k gains g_ik·C_i over all pairs (i, k), repeated rows included.
    /// Rows are multiples of 1/8, so the dots (hence the table entries and g) are exact and the test recomputes g as
    /// the kernel does; the per-pair sum is exact in double (float g times a 4-bit value, a few dozen terms within 53
    /// bits). The kernel sums in float with fused multiply-adds, so each element may be off by the standard bound
    /// n·u·(|pre| + Σ|terms|), u = 2^−24, n = terms + additions + 1; the test allows twice that and nothing more.
    /// </summary>
    [Theory]
    [MemberData(nameof(AlgebraCases))]
    public void TrainBatches_EqualsSumOfPerPairUpdates_FromPreBatchValues(int dim, int negatives, int count)
    {
        var random = new Random(dim * 31 + count);
        int rows = negatives + 1;
        int inputRows = Math.Max(1, count - 1);
        int outputRows = Math.Max(1, rows - 1);
        int[] contexts = [.. Enumerable.Range(0, count).Select(i => i % inputRows)];
        int[] targets = [.. Enumerable.Range(0, rows).Select(k => k % outputRows)];
        float[] input = FloatArrays.Fill(random, inputRows * dim, r => r.Next(-8, 9) / 8f);
        float[] output = FloatArrays.Fill(random, outputRows * dim, r => r.Next(-8, 9) / 8f);
        const float alpha = 0.025f;

        var g = new float[count, rows];
        double expectedLoss = 0;
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < rows; k++)
            {
                double f = 0;
                for (int j = 0; j < dim; j++)
                {
                    f += input[contexts[i] * dim + j] * (double)output[targets[k] * dim + j];
                }

                int entry = SigmoidTable.EntryOf((float)f, s_table.MaxExp, s_table.Scale, s_table.Size);
                g[i, k] = ((k == 0 ? 1f : 0f) - s_table.SigmoidEntries[entry]) * alpha;
                float sigma = s_table.SigmoidEntries[entry];
                expectedLoss += -Math.Log(Math.Max(k == 0 ? sigma : 1 - sigma, 1e-5));
            }
        }

        // Per pair (i, k): ΔC[contexts[i]] += g·O_k, ΔO[targets[k]] += g·C_i, all from the pre-batch rows.
        var inputSum = new double[input.Length];
        var inputBound = new double[input.Length];
        var inputTerms = new int[input.Length];
        var outputSum = new double[output.Length];
        var outputBound = new double[output.Length];
        var outputTerms = new int[output.Length];
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < rows; k++)
            {
                for (int j = 0; j < dim; j++)
                {
                    int c = contexts[i] * dim + j, o = targets[k] * dim + j;
                    double toInput = g[i, k] * (double)output[o], toOutput = g[i, k] * (double)input[c];
                    inputSum[c] += toInput;
                    inputBound[c] += Math.Abs(toInput);
                    inputTerms[c]++;
                    outputSum[o] += toOutput;
                    outputBound[o] += Math.Abs(toOutput);
                    outputTerms[o]++;
                }
            }
        }

        int[] offsets = [0, count];
        using var run = new KernelCase(new KernelLayout(Padded: false, Placement: 0), dim, negatives, input, output, KernelCase.BatchScratch(dim, negatives, offsets), s_table);
        float loss = run.TrainBatches(new ScalarKernel(), contexts, offsets, targets, alpha);

        AssertWithinBound(input, inputSum, inputBound, inputTerms, run.Input, "input");
        AssertWithinBound(output, outputSum, outputBound, outputTerms, run.Output, "output");
        Assert.Equal(expectedLoss, loss, 1e-4 * Math.Max(1, expectedLoss));
    }

    private static void AssertWithinBound(float[] before, double[] sum, double[] bound, int[] terms, ReadOnlySpan<float> actual, string matrix)
    {
        for (int e = 0; e < before.Length; e++)
        {
            double expected = before[e] + sum[e];
            double allowed = 2 * (2 * terms[e] + 1) * Math.ScaleB(1, -24) * (Math.Abs(before[e]) + bound[e]);
            Assert.True(Math.Abs(actual[e] - expected) <= allowed,
                $"{matrix} element {e}: {actual[e]:R}, per-pair sum {expected:R}, allowed ±{allowed:G3}");
        }
    }
}
