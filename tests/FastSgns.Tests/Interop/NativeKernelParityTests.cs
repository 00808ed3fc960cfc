using FastSgns.Kernels;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Interop;

/// <summary>
/// The C kernel against the managed reference (<see cref="ScalarKernel"/>), on every path this CPU runs: dims 1..64
/// and a spread up to 320, M = 0..25, misaligned rows, exact-length and padded strides, duplicate targets and
/// several pairs per call (later pairs see earlier updates, and pair 3 reuses pair 0's input row).
/// </summary>
[Collection(NativeCollection.Name)]
public sealed unsafe class NativeKernelParityTests
{
    private const int InputRows = 5;
    private const int OutputRows = 32;
    private const int Pairs = 4;
    private const float Alpha = 0.1f;

    /// <summary>
    /// Relative to 1 + |x|. SIMD paths reassociate the dot products and fuse multiply-adds; the differences measured
    /// here are a few ulps (≤ 2e-7). The data (multiples of 1/64) makes the first pair's dots exact in any order, so
    /// every path picks the same sigmoid buckets; later pairs' dots differ by rounding only, and none of these fixed
    /// cases falls within rounding of a bucket edge (if a change made one do so, it would show as ≈ alpha·Δσ ≈ 3e-4).
    /// A wrong update order, a lost or repeated row, or a wrong table moves values by ≥ 1e-3.
    /// </summary>
    private const float SimdTolerance = 1e-5f;

    public static TheoryData<string> Paths => ["scalar", "avx2", "avx512"];

    public static IEnumerable<(int Dim, int Negatives)> Cases()
    {
        for (int dim = 1; dim <= 64; dim++)
        {
            yield return (dim, dim % 26);
            yield return (dim, 5);
        }

        foreach (int dim in new[] { 65, 79, 96, 100, 127, 128, 129, 200, 255, 300, 320 })
        {
            for (int negatives = 0; negatives <= 25; negatives++)
            {
                yield return (dim, negatives);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void TrainPairs_MatchesScalarKernel_OnEveryNativePath(string path)
    {
        SkipUnlessPathAvailable(path);
        NativeKernel.SelectPath(path);
        try
        {
            bool exact = path == "scalar";
            using var table = new SigmoidTable();
            int checkedCases = 0;
            foreach ((int dim, int negatives) in Cases())
            {
                foreach (int offset in new[] { 0, 1, 3 })
                {
                    foreach (long stride in new long[] { dim, dim + 5 })
                    {
                        string where = $"{path}: dim {dim}, M {negatives}, offset {offset} floats, stride {stride}";
                        CompareOnce(table, dim, stride, negatives, offset, exact, where);
                        checkedCases++;
                    }
                }
            }

            Assert.True(checkedCases > 1000);
        }
        finally
        {
            NativeKernel.SelectPath("auto");
        }
    }

    [Fact]
    public void TrainPairs_ReturnsZeroAndTouchesNothing_ForNoPairs()
    {
        SkipUnlessAvailable();
        using var table = new SigmoidTable();
        using var buffers = new KernelBuffers(7, 7, InputRows, OutputRows, 5, 1);
        buffers.Fill(3);
        using var copy = new KernelBuffers(7, 7, InputRows, OutputRows, 5, 1);
        copy.CopyFrom(buffers);
        float loss = new NativeKernel().TrainPairs(buffers.Context(table), [], [], 5, Alpha);
        Assert.Equal(0f, loss);
        for (int r = 0; r < OutputRows; r++)
        {
            Assert.True(buffers.OutputRow(r).SequenceEqual(copy.OutputRow(r)));
        }
    }

    [Fact]
    public void TrainPairs_Throws_WhenTargetsAreShort()
    {
        using var table = new SigmoidTable();
        using var buffers = new KernelBuffers(4, 4, InputRows, OutputRows, 2, 0);
        var kernel = new NativeKernel();
        Assert.Throws<ArgumentException>(() => kernel.TrainPairs(buffers.Context(table), [0, 1], [1, 2, 3, 4, 5], 2, Alpha));
    }

    [Fact]
    public void NaNInput_GivesNaNLoss()
    {
        SkipUnlessAvailable();
        using var table = new SigmoidTable();
        using var buffers = new KernelBuffers(33, 33, InputRows, OutputRows, 5, 0);
        buffers.Fill(5);
        buffers.Input[2] = float.NaN;
        float loss = new NativeKernel().TrainPairs(buffers.Context(table), [0], [1, 2, 3, 4, 5, 6], 5, Alpha);
        Assert.True(float.IsNaN(loss));
    }

    private static void CompareOnce(SigmoidTable table, int dim, long stride, int negatives, int offset, bool exact, string where)
    {
        int rows = negatives + 1;
        using var reference = new KernelBuffers(dim, stride, InputRows, OutputRows, negatives, offset);
        using var native = new KernelBuffers(dim, stride, InputRows, OutputRows, negatives, offset);
        reference.Fill((ulong)(dim * 131 + negatives));
        native.CopyFrom(reference);

        var random = new Random(dim * 7919 + negatives);
        int[] inputs = new int[Pairs];
        int[] targets = new int[Pairs * rows];
        for (int p = 0; p < Pairs; p++)
        {
            inputs[p] = random.Next(InputRows);
        }

        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = random.Next(OutputRows);
        }

        inputs[3] = inputs[0];
        if (negatives >= 1)
        {
            targets[rows + 1] = targets[rows];          // pair 1: a negative equal to the positive
        }

        if (negatives >= 2)
        {
            targets[2 * rows + 2] = targets[2 * rows + 1]; // pair 2: two equal negatives
        }

        // Exact-length spans: the kernels get no slack in inputs or targets.
        float expectedLoss = new ScalarKernel().TrainPairs(reference.Context(table), inputs, targets, negatives, Alpha);
        float actualLoss = new NativeKernel().TrainPairs(native.Context(table), inputs, targets, negatives, Alpha);

        Assert.True(native.GuardsIntact(), $"{where}: wrote outside the rows or scratch");
        Assert.True(float.IsFinite(actualLoss), $"{where}: loss {actualLoss} (read padding or past the end?)");
        if (exact)
        {
            Assert.True(expectedLoss == actualLoss, $"{where}: loss {actualLoss} != {expectedLoss}");
        }
        else
        {
            Assert.True(Math.Abs(expectedLoss - actualLoss) <= SimdTolerance * (1 + Math.Abs(expectedLoss)), $"{where}: loss {actualLoss} vs {expectedLoss}");
        }

        for (int r = 0; r < InputRows; r++)
        {
            AssertRowsMatch(reference.InputRow(r), native.InputRow(r), exact, where, "input", r);
        }

        for (int r = 0; r < OutputRows; r++)
        {
            AssertRowsMatch(reference.OutputRow(r), native.OutputRow(r), exact, where, "output", r);
        }
    }

    private static void AssertRowsMatch(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, bool exact, string where, string matrix, int row)
    {
        for (int j = 0; j < expected.Length; j++)
        {
            bool ok = exact
                ? BitConverter.SingleToInt32Bits(expected[j]) == BitConverter.SingleToInt32Bits(actual[j])
                : Math.Abs(expected[j] - actual[j]) <= SimdTolerance * (1 + Math.Abs(expected[j]));
            if (!ok)
            {
                Assert.Fail($"{where}: {matrix} row {row}, [{j}]: {actual[j]:R} vs reference {expected[j]:R}");
            }
        }
    }

    internal static void SkipUnlessAvailable()
    {
        if (!NativeKernel.IsAvailable)
        {
            RequiredInCi.Missing("native kernel", $"native kernel not available: {NativeKernel.UnavailableReason}");
        }
    }

    private static void SkipUnlessPathAvailable(string path)
    {
        SkipUnlessAvailable();
        if (!NativeKernel.SupportedPaths.Contains(path))
        {
            Assert.Skip($"this CPU cannot run the native {path} path (supported: {string.Join(", ", NativeKernel.SupportedPaths)})");
        }
    }
}
