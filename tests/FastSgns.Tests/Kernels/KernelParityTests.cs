using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// Every supported kernel against <see cref="ScalarKernel"/>, for dims 1..320, M 1..25, misaligned and exact-length
/// rows (stride == dim, the last row against a guard page), duplicate targets and sequential pairs.
/// </summary>
public sealed class KernelParityTests
{
    private const float Alpha = 0.025f;

    private static readonly ScalarKernel s_scalar = new();
    private static readonly SigmoidTable s_table = new();

    // A bucket of this table moves σ by at most σ'(0)·2·MaxExp/Size = 0.25·12/2^21 ≈ 1.4e-6, so when a dot that
    // sits on a bucket edge rounds to the other side in a kernel (its dot products sum in another order), g moves
    // by ≤ Alpha·1.4e-6 ≈ 3.6e-8 and a row element by ≤ (M+1)·3.6e-8·max|row| ≈ 3.3e-6, inside the tolerance
    // below. With the default 1000-entry table such a flip moves an element by up to ~2e-3 and no tight
    // tolerance could hold; the fine table makes flips likely instead of rare, so the tolerance is really exercised.
    private static readonly SigmoidTable s_fineTable = new(1 << 21);

    /// <summary>Relative tolerance on row elements (absolute below 1) for the tests whose dots are not exact.</summary>
    private const double Tolerance = 1e-5;

    /// <summary>
    /// With every value a multiple of 1/8 in [−1, 1], products are multiples of 1/64 and every partial sum of up to
    /// 320 of them is exact in float, so any summation order gives the same dots and the same table entries. Each
    /// pair owns its input row and its block of output rows, so later pairs still read such values. The update pass
    /// must then match the scalar kernel bit for bit, duplicates within a pair included.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.KernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainPairs_MatchesScalarBitForBit_WhenDotsAreExact(string name, int dim)
    {
        ISgnsKernel kernel = KernelRegistry.Resolve(name);
        var random = new Random(dim);
        const int pairs = 3;
        foreach (int negatives in KernelData.Negatives)
        {
            int rows = negatives + 1;
            float[] input = FloatArrays.Fill(random, pairs * dim, r => r.Next(-8, 9) / 8f);
            float[] output = FloatArrays.Fill(random, pairs * rows * dim, r => r.Next(-8, 9) / 8f);
            int[] inputs = [.. Enumerable.Range(0, pairs)];
            var targets = new int[pairs * rows];
            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] = i / rows * rows + random.Next(rows);
            }

            targets[1] = targets[0];
            targets[^1] = pairs * rows - 1;
            for (int placement = 0; placement < 4; placement++)
            {
                string where = $"{name}, dim {dim}, M {negatives}, placement {placement}";
                using var expected = new KernelCase(dim, negatives, input, output, placement, s_table);
                using var actual = new KernelCase(dim, negatives, input, output, placement, s_table);
                float expectedLoss = expected.Train(s_scalar, inputs, targets, Alpha);
                float actualLoss = actual.Train(kernel, inputs, targets, Alpha);
                FloatArrays.AssertClose(expected.Input, actual.Input, 0, $"input, {where}");
                FloatArrays.AssertClose(expected.Output, actual.Output, 0, $"output, {where}");
                FloatArrays.AssertClose([expectedLoss], [actualLoss], Tolerance, $"loss, {where}");
            }
        }
    }

    /// <summary>Random rows shared by eight sequential pairs, so later pairs read what earlier ones wrote.</summary>
    [Theory]
    [MemberData(nameof(KernelData.KernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainPairs_MatchesScalarWithinTolerance_WhenPairsShareRows(string name, int dim)
    {
        ISgnsKernel kernel = KernelRegistry.Resolve(name);
        var random = new Random(1000 + dim);

        // Values in ±a with a² = 12/√dim spread the dots over about ±8, across the table and into saturation.
        float a = MathF.Sqrt(12 / MathF.Sqrt(dim));
        const int pairs = 8;
        const int inputRows = 3;
        foreach (int negatives in KernelData.Negatives)
        {
            int rows = negatives + 1;
            int outputRows = rows + 2;
            float[] input = FloatArrays.Fill(random, inputRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            float[] output = FloatArrays.Fill(random, outputRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            int[] inputs = [.. Enumerable.Range(0, pairs).Select(p => p % inputRows)];
            int[] targets = [.. Enumerable.Range(0, pairs * rows).Select(_ => random.Next(outputRows))];
            targets[^1] = outputRows - 1;
            int placement = dim % 4;
            string where = $"{name}, dim {dim}, M {negatives}, placement {placement}";
            using var expected = new KernelCase(dim, negatives, input, output, placement, s_fineTable);
            using var actual = new KernelCase(dim, negatives, input, output, placement, s_fineTable);
            float expectedLoss = expected.Train(s_scalar, inputs, targets, Alpha);
            float actualLoss = actual.Train(kernel, inputs, targets, Alpha);
            FloatArrays.AssertClose(expected.Input, actual.Input, Tolerance, $"input, {where}");
            FloatArrays.AssertClose(expected.Output, actual.Output, Tolerance, $"output, {where}");
            FloatArrays.AssertClose([expectedLoss], [actualLoss], Tolerance, $"loss, {where}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainPairs_ReturnsNaNLoss_WhenADotIsNaN(string name)
    {
        const int dim = 37;
        float[] input = FloatArrays.Fill(new Random(1), dim, _ => 0.5f);
        input[dim - 1] = float.NaN;
        float[] output = FloatArrays.Fill(new Random(2), 6 * dim, r => (float)r.NextDouble());
        using var run = new KernelCase(dim, 5, input, output, 0, s_table);
        float loss = run.Train(KernelRegistry.Resolve(name), [0], [0, 1, 2, 3, 4, 5], Alpha);
        Assert.True(float.IsNaN(loss), $"{name}: loss {loss}");
    }

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainPairs_ReturnsNonFiniteLoss_WhenADotOverflows(string name)
    {
        const int dim = 19;
        float[] input = FloatArrays.Fill(new Random(1), dim, _ => 1e30f);
        float[] output = FloatArrays.Fill(new Random(2), 2 * dim, _ => 1e30f);
        using var run = new KernelCase(dim, 1, input, output, 0, s_table);
        float loss = run.Train(KernelRegistry.Resolve(name), [0], [0, 1], Alpha);
        Assert.False(float.IsFinite(loss), $"{name}: loss {loss}");
    }
}
