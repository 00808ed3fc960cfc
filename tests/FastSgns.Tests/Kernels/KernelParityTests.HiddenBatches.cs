using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// <see cref="IHiddenBatchKernel.TrainHiddenBatches"/> (batched CBOW with hierarchical softmax) of every kernel that
/// has it against the scalar reference: dims 1..320, paths of 0..40 nodes that share prefixes as a tree's paths do,
/// groups full and partial, one to six shared input rows summed or averaged, every <see cref="KernelLayout"/>, scratch of
/// exactly the declared size against a guard page. Kernels without it (the C ones) skip, saying so.
/// </summary>
public sealed partial class KernelParityTests
{
    private static readonly int[] s_batchPathLengths = [1, 3, 8, 9, 16, 17, 33, 40];

    [Theory]
    [MemberData(nameof(KernelData.ComparedKernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainHiddenBatches_MatchesScalarWithinTolerance(string name, int dim)
    {
        IHiddenBatchKernel kernel = RequireHiddenBatches(name);
        var random = new Random(9000 + dim);
        float a = MathF.Sqrt(12 / MathF.Sqrt(dim));
        foreach (int length in s_batchPathLengths)
        {
            bool mean = (length + dim) % 2 == 0;
            int examples = 2 * HiddenBatchScratch.Group + 3;
            HiddenCall call = TreeCall(random, examples, length, inputRows: 5, mean, out int treeRows);
            float[] input = FloatArrays.Fill(random, 5 * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            float[] tree = FloatArrays.Fill(random, treeRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            KernelLayout layout = KernelLayout.All[(dim + length) % KernelLayout.All.Length];
            string where = $"{name}, dim {dim}, paths up to {length}, {(mean ? "mean" : "sum")}, {layout}";
            int scratch = HiddenBatchScratch.Floats(dim, call.Rows);
            using var expected = new KernelCase(s_plain, dim, 0, input, new float[dim], tree, scratch, s_fineTable);
            using var actual = new KernelCase(layout, dim, 0, input, new float[dim], tree, scratch, s_fineTable);
            float expectedLoss = s_reference.TrainHiddenBatches(expected.Context, call.ToBatch(), Alpha);
            float actualLoss = kernel.TrainHiddenBatches(actual.Context, call.ToBatch(), Alpha);
            actual.AssertPaddingIntact(where);
            FloatArrays.AssertClose(expected.Input, actual.Input, Tolerance, $"input, {where}");
            FloatArrays.AssertClose(expected.Tree, actual.Tree, Tolerance, $"tree, {where}");
            FloatArrays.AssertClose([expectedLoss], [actualLoss], Tolerance, $"loss, {where}");
        }
    }

    /// <summary>A group of one example reads and writes its input rows as word2vec.c's order does: it is <see cref="ISgnsKernel.TrainHidden"/>, bit for bit.</summary>
    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainHiddenBatches_IsTrainHidden_ForOneExample(string name)
    {
        IHiddenBatchKernel kernel = RequireHiddenBatches(name);
        foreach (int dim in new[] { 7, 100, 129 })
        {
            var random = new Random(9500 + dim);
            HiddenCall call = TreeCall(random, examples: 1, length: 21, inputRows: 5, mean: true, out int treeRows);
            float[] input = FloatArrays.Fill(random, 5 * dim, r => (float)(r.NextDouble() - 0.5));
            float[] tree = FloatArrays.Fill(random, treeRows * dim, r => (float)(r.NextDouble() - 0.5));
            int scratch = HiddenBatchScratch.Floats(dim, call.Rows);
            using var hidden = new KernelCase(s_plain, dim, 0, input, new float[dim], tree, scratch, s_table);
            using var batched = new KernelCase(s_plain, dim, 0, input, new float[dim], tree, scratch, s_table);
            float hiddenLoss = kernel.TrainHidden(hidden.Context, call.ToBatch(), Alpha);
            float batchedLoss = kernel.TrainHiddenBatches(batched.Context, call.ToBatch(), Alpha);
            Assert.Equal(hidden.Input, batched.Input);
            Assert.Equal(hidden.Tree, batched.Tree);
            Assert.Equal(hiddenLoss, batchedLoss);
        }
    }

    /// <summary>The second example of a group reads the input rows as they were before the first, not after it.</summary>
    [Fact]
    public void TrainHiddenBatches_ReadsInputRowsBeforeTheGroup()
    {
        const int dim = 16;
        var random = new Random(9900);
        HiddenCall call = TreeCall(random, examples: 2, length: 5, inputRows: 1, mean: true, out int treeRows);
        float[] input = FloatArrays.Fill(random, dim, r => (float)(r.NextDouble() - 0.5));
        float[] tree = FloatArrays.Fill(random, treeRows * dim, r => (float)(r.NextDouble() - 0.5));
        int scratch = HiddenBatchScratch.Floats(dim, call.Rows);
        using var sequential = new KernelCase(s_plain, dim, 0, input, new float[dim], tree, scratch, s_table);
        using var batched = new KernelCase(s_plain, dim, 0, input, new float[dim], tree, scratch, s_table);
        s_reference.TrainHidden(sequential.Context, call.ToBatch(), 0.5f);
        s_reference.TrainHiddenBatches(batched.Context, call.ToBatch(), 0.5f);
        Assert.NotEqual(sequential.Tree, batched.Tree);
    }

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainHiddenBatches_Throws_WhenTheBatchHasNegatives(string name)
    {
        IHiddenBatchKernel kernel = RequireHiddenBatches(name);
        const int dim = 4;
        using var run = new KernelCase(s_plain, dim, 1, new float[8], new float[8], new float[8], HiddenBatchScratch.Floats(dim, 2), s_table);
        Assert.Throws<ArgumentException>(() => kernel.TrainHiddenBatches(run.Context, new HiddenCall([0], [0, 1], [0], [1], [0, 1], [0, 1], 1, true).ToBatch(), 0.1f));
        Assert.Throws<ArgumentException>(() => kernel.TrainHiddenBatches(run.Context, new HiddenCall([0], [0, 1], [], [], [], [0, 1], 1, true).ToBatch(), 0.1f));
        // Scratch sized for TrainHidden is too small for a group.
        using var small = new KernelCase(s_plain, dim, 0, new float[8], new float[8], new float[8], HiddenScratch.Floats(dim, 2), s_table);
        Assert.Throws<ArgumentException>(() => kernel.TrainHiddenBatches(small.Context, new HiddenCall([0], [0, 1], [0], [1], [0, 1], [], 0, true).ToBatch(), 0.1f));
    }

    private static IHiddenBatchKernel RequireHiddenBatches(string name)
    {
        ISgnsKernel kernel = KernelData.Require(name);
        if (kernel is not IHiddenBatchKernel batched)
        {
            Assert.Skip($"kernel {name} has no batched CBOW (TrainHiddenBatches)");
            throw new InvalidOperationException("unreachable");
        }

        return batched;
    }

    /// <summary>
    /// Examples whose paths (0..<paramref name="length"/> nodes, root first) are a tree's: each starts with a random
    /// prefix of an earlier example's path and continues with nodes of its own, so two paths share exactly a common
    /// prefix. Inputs: 1..6 of <paramref name="inputRows"/> rows, repeats allowed.
    /// </summary>
    private static HiddenCall TreeCall(Random random, int examples, int length, int inputRows, bool mean, out int treeRows)
    {
        var inputs = new List<int>();
        var inputOffsets = new List<int> { 0 };
        var paths = new List<int[]>();
        var labels = new List<float>();
        var nodeOffsets = new List<int> { 0 };
        int next = 0;
        for (int e = 0; e < examples; e++)
        {
            int count = 1 + random.Next(6);
            for (int i = 0; i < count; i++)
            {
                inputs.Add(random.Next(inputRows));
            }

            inputOffsets.Add(inputs.Count);
            int nodes = e == 0 ? length : random.Next(length + 1);
            int[] earlier = paths.Count == 0 ? [] : paths[random.Next(paths.Count)];
            int shared = random.Next(Math.Min(earlier.Length, nodes) + 1);
            int[] path = [.. earlier.Take(shared), .. Enumerable.Range(next, nodes - shared)];
            next += nodes - shared;
            paths.Add(path);
            labels.AddRange(path.Select(_ => (float)random.Next(2)));
            nodeOffsets.Add(nodeOffsets[^1] + path.Length);
        }

        treeRows = Math.Max(next, 1);
        return new HiddenCall([.. inputs], [.. inputOffsets], [.. paths.SelectMany(p => p)], [.. labels], [.. nodeOffsets], [], 0, mean);
    }
}
