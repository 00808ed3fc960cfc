using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// The one parity suite: every kernel of <see cref="KernelRegistry"/>, managed and native (and the test-only
/// portable Vector128 kernel), against <see cref="ScalarKernel"/>, in both modes. Dims 1..320, M 0..25, every
/// <see cref="KernelLayout"/> (exact and padded rows, misaligned, last row against a guard page), scratch of exactly
/// the declared size against a guard page, exact-length id arrays, duplicate targets and sequential calls whose later
/// pairs or batches read what earlier ones wrote. A kernel this machine cannot run is reported as skipped.
/// </summary>
public sealed partial class KernelParityTests
{
    private const float Alpha = 0.025f;

    /// <summary>Relative tolerance on row elements (absolute below 1) for the tests whose dots are not exact.</summary>
    private const double Tolerance = 1e-5;

    private static readonly ScalarKernel s_reference = new();
    private static readonly SigmoidTable s_table = new();

    // A bucket of this table moves σ by at most σ'(0)·2·MaxExp/Size = 0.25·12/2^21 ≈ 1.4e-6, so when a dot that
    // sits on a bucket edge rounds to the other side in a kernel (its dot products sum in another order), g moves
    // by ≤ Alpha·1.4e-6 ≈ 3.6e-8 and a row element by ≤ (M+1)·3.6e-8·max|row| ≈ 3.3e-6, inside the tolerance
    // above. With the default 1000-entry table such a flip moves an element by up to ~2e-3 and no tight
    // tolerance could hold; the fine table makes flips likely instead of rare, so the tolerance is really exercised.
    private static readonly SigmoidTable s_fineTable = new(1 << 21);

    private static readonly KernelLayout s_plain = new(Padded: false, Placement: 0);

    /// <summary>
    /// With every value a multiple of 1/8 in [−1, 1], products are multiples of 1/64 and every partial sum of up to
    /// 320 of them is exact in float, so any summation order gives the same dots and the same table entries. Each
    /// pair owns its input row and its block of output rows, so later pairs still read such values. The update pass
    /// must then match the scalar kernel bit for bit, duplicates within a pair included (within a tolerance for the
    /// C kernel's SIMD paths, which fuse it; see <see cref="KernelData.ExactDotsPairTolerance"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.ComparedKernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainPairs_MatchesScalar_WhenDotsAreExact(string name, int dim)
    {
        ISgnsKernel kernel = KernelData.Require(name);
        double tolerance = KernelData.ExactDotsPairTolerance(name);
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

            if (negatives > 0)
            {
                targets[1] = targets[0];
            }

            targets[^1] = pairs * rows - 1;
            int scratch = KernelCase.PairScratch(dim, negatives);
            using var expected = new KernelCase(s_plain, dim, negatives, input, output, scratch, s_table);
            float expectedLoss = expected.TrainPairs(s_reference, inputs, targets, Alpha);
            float[] expectedInput = expected.Input, expectedOutput = expected.Output;
            foreach (KernelLayout layout in KernelLayout.All)
            {
                string where = $"{name}, dim {dim}, M {negatives}, {layout}";
                using var actual = new KernelCase(layout, dim, negatives, input, output, scratch, s_table);
                float actualLoss = actual.TrainPairs(kernel, inputs, targets, Alpha);
                actual.AssertPaddingIntact(where);
                FloatArrays.AssertClose(expectedInput, actual.Input, tolerance, $"input, {where}");
                FloatArrays.AssertClose(expectedOutput, actual.Output, tolerance, $"output, {where}");
                FloatArrays.AssertClose([expectedLoss], [actualLoss], Tolerance, $"loss, {where}");
            }
        }
    }

    /// <summary>Random rows shared by eight sequential pairs, so later pairs read what earlier ones wrote.</summary>
    [Theory]
    [MemberData(nameof(KernelData.ComparedKernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainPairs_MatchesScalarWithinTolerance_WhenPairsShareRows(string name, int dim)
    {
        ISgnsKernel kernel = KernelData.Require(name);
        double tolerance = KernelData.SharedRowsTolerance(name, Tolerance);
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
            KernelLayout layout = KernelLayout.All[(dim + negatives) % KernelLayout.All.Length];
            string where = $"{name}, dim {dim}, M {negatives}, {layout}";
            int scratch = KernelCase.PairScratch(dim, negatives);
            using var expected = new KernelCase(s_plain, dim, negatives, input, output, scratch, s_fineTable);
            using var actual = new KernelCase(layout, dim, negatives, input, output, scratch, s_fineTable);
            float expectedLoss = expected.TrainPairs(s_reference, inputs, targets, Alpha);
            float actualLoss = actual.TrainPairs(kernel, inputs, targets, Alpha);
            actual.AssertPaddingIntact(where);
            FloatArrays.AssertClose(expected.Input, actual.Input, tolerance, $"input, {where}");
            FloatArrays.AssertClose(expected.Output, actual.Output, tolerance, $"output, {where}");
            FloatArrays.AssertClose([expectedLoss], [actualLoss], Tolerance, $"loss, {where}");
        }
    }
}
