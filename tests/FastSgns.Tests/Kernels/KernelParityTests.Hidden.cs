using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// <see cref="ISgnsKernel.TrainHidden"/> (CBOW and hierarchical softmax) of every kernel against the scalar reference:
/// dims 1..320, tree parts of 0..40 rows (Huffman code lengths) with random labels, negative parts of M+1 = 1..16
/// rows or none, one to six input rows summed or averaged, word2vec.c's and gensim's rule for the negative rows
/// (<see cref="HiddenBatch.GensimTargets"/>), every <see cref="KernelLayout"/>, scratch of exactly the declared size
/// against a guard page.
/// </summary>
public sealed partial class KernelParityTests
{
    /// <summary>(tree rows, M; −1 for no negative part): lone parts, both, around the 4-row dot blocks and the gather widths, up to 40.</summary>
    private static readonly (int Nodes, int Negatives)[] s_hiddenParts =
        [(0, 0), (0, 5), (1, -1), (3, -1), (5, 5), (8, 0), (9, 15), (16, 3), (17, -1), (24, 5), (33, -1), (40, 7)];

    /// <summary>
    /// Values that are multiples of 1/8 and inputs per example of 1, 2 or 4 (so the mean's scaling is exact) keep
    /// every dot exact in any order, as long as each example owns its rows; the updates must then match bit for bit.
    /// Targets are drawn from the example's own rows, so a negative often repeats the positive, and at the larger dims
    /// many dots lie beyond ±6: both of gensim's skips are exercised.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.ComparedKernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainHidden_MatchesScalar_WhenDotsAreExact(string name, int dim)
    {
        ISgnsKernel kernel = KernelData.Require(name);
        var random = new Random(7000 + dim);
        const int examples = 3;
        foreach ((int nodes, int negatives) in s_hiddenParts)
        foreach (bool gensim in (bool[])[false, true])
        {
            int parts = negatives + 1;
            int[] counts = [.. Enumerable.Range(0, examples).Select(_ => 1 << random.Next(3))];
            int inputRows = counts.Sum();
            float[] input = FloatArrays.Fill(random, inputRows * dim, r => r.Next(-8, 9) / 8f);
            float[] output = FloatArrays.Fill(random, Math.Max(1, examples * parts) * dim, r => r.Next(-8, 9) / 8f);
            float[] tree = FloatArrays.Fill(random, Math.Max(1, examples * nodes) * dim, r => r.Next(-8, 9) / 8f);
            var inputs = new List<int>();
            var nodeIds = new List<int>();
            var targets = new List<int>();
            int[] inputOffsets = new int[examples + 1], nodeOffsets = new int[examples + 1];
            for (int e = 0; e < examples; e++)
            {
                int first = inputOffsets[e];
                inputs.AddRange(Enumerable.Range(first, counts[e]));
                inputOffsets[e + 1] = first + counts[e];
                nodeIds.AddRange(Enumerable.Range(0, nodes).Select(_ => e * nodes + random.Next(nodes)));
                nodeOffsets[e + 1] = nodeIds.Count;
                targets.AddRange(Enumerable.Range(0, parts).Select(_ => e * parts + random.Next(parts)));
            }

            float[] labels = [.. nodeIds.Select(_ => (float)random.Next(2))];
            var call = new HiddenCall([.. inputs], inputOffsets, [.. nodeIds], labels, nodes > 0 ? nodeOffsets : [], negatives >= 0 ? [.. targets] : [],
                Math.Max(negatives, 0), Mean: dim % 2 == 0, GensimTargets: gensim);
            int scratch = KernelCase.HiddenScratch(dim, call.Rows);
            using var expected = new KernelCase(s_plain, dim, 0, input, output, tree, scratch, s_table);
            float expectedLoss = expected.TrainHidden(s_reference, call, Alpha);
            foreach (KernelLayout layout in KernelLayout.All)
            {
                string where = $"{name}, dim {dim}, {nodes} nodes, M {negatives}, {(gensim ? "gensim's" : "word2vec.c's")} targets, {layout}";
                using var actual = new KernelCase(layout, dim, 0, input, output, tree, scratch, s_table);
                float actualLoss = actual.TrainHidden(kernel, call, Alpha);
                actual.AssertPaddingIntact(where);
                FloatArrays.AssertClose(expected.Input, actual.Input, 0, $"input, {where}");
                FloatArrays.AssertClose(expected.Output, actual.Output, 0, $"output, {where}");
                FloatArrays.AssertClose(expected.Tree, actual.Tree, 0, $"tree, {where}");
                FloatArrays.AssertClose([expectedLoss], [actualLoss], Tolerance, $"loss, {where}");
            }
        }
    }

    /// <summary>Random rows shared by eight sequential examples of up to six inputs, tree part lengths varying per example.</summary>
    [Theory]
    [MemberData(nameof(KernelData.ComparedKernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainHidden_MatchesScalarWithinTolerance_WhenExamplesShareRows(string name, int dim)
    {
        ISgnsKernel kernel = KernelData.Require(name);
        double tolerance = KernelData.SharedRowsTolerance(name, Tolerance);
        var random = new Random(8000 + dim);
        float a = MathF.Sqrt(12 / MathF.Sqrt(dim));
        foreach ((int nodes, int negatives) in s_hiddenParts)
        foreach (bool gensim in (bool[])[false, true])
        {
            bool mean = (nodes + dim) % 2 == 0;
            var call = HiddenCall.Random(random, examples: 8, maxInputs: 6, inputRows: 5, nodes, varyNodes: true, treeRows: nodes + 3, negatives,
                outputRows: negatives + 3, mean, gensim);
            float[] input = FloatArrays.Fill(random, 5 * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            float[] output = FloatArrays.Fill(random, (negatives + 3) * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            float[] tree = FloatArrays.Fill(random, (nodes + 3) * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            KernelLayout layout = KernelLayout.All[(dim + nodes) % KernelLayout.All.Length];
            string where = $"{name}, dim {dim}, {nodes} nodes, M {negatives}, {(mean ? "mean" : "sum")}, {(gensim ? "gensim's" : "word2vec.c's")} targets, {layout}";
            int scratch = KernelCase.HiddenScratch(dim, call.Rows);
            using var expected = new KernelCase(s_plain, dim, 0, input, output, tree, scratch, s_fineTable);
            using var actual = new KernelCase(layout, dim, 0, input, output, tree, scratch, s_fineTable);
            float expectedLoss = expected.TrainHidden(s_reference, call, Alpha);
            float actualLoss = actual.TrainHidden(kernel, call, Alpha);
            actual.AssertPaddingIntact(where);
            FloatArrays.AssertClose(expected.Input, actual.Input, tolerance, $"input, {where}");
            FloatArrays.AssertClose(expected.Output, actual.Output, tolerance, $"output, {where}");
            FloatArrays.AssertClose(expected.Tree, actual.Tree, tolerance, $"tree, {where}");
            FloatArrays.AssertClose([expectedLoss], [actualLoss], Tolerance, $"loss, {where}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainHidden_ReturnsNaNLoss_WhenADotIsNaN(string name)
    {
        ISgnsKernel kernel = KernelData.Require(name);
        const int dim = 37;
        float[] input = FloatArrays.Fill(new Random(1), 2 * dim, _ => 0.5f);
        input[dim + 3] = float.NaN;
        float[] rows = FloatArrays.Fill(new Random(2), 6 * dim, r => (float)r.NextDouble());
        var call = new HiddenCall([0, 1], [0, 2], [0, 1, 2], [1, 0, 1], [0, 3], [], 0, Mean: true);
        using var run = new KernelCase(s_plain, dim, 0, input, rows, rows, KernelCase.HiddenScratch(dim, call.Rows), s_table);
        float loss = run.TrainHidden(kernel, call, Alpha);
        Assert.True(float.IsNaN(loss), $"{name}: loss {loss}");
    }

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainHidden_Throws_WhenTheBatchDoesNotFit(string name)
    {
        ISgnsKernel kernel = KernelData.Require(name);
        const int dim = 4;
        using var run = new KernelCase(s_plain, dim, 0, new float[8], new float[8], new float[8], KernelCase.HiddenScratch(dim, 2), s_table);
        Assert.Throws<ArgumentException>(() => run.TrainHidden(kernel, new HiddenCall([0], [0, 1], [], [], [], [0, 1, 0], 1, true), 0.1f));
        Assert.Throws<ArgumentException>(() => run.TrainHidden(kernel, new HiddenCall([0, 1], [0, 0, 2], [], [], [], [0, 1, 0, 1], 1, true), 0.1f));
        Assert.Throws<ArgumentException>(() => run.TrainHidden(kernel, new HiddenCall([0], [0, 1], [0, 1], [1], [0, 2], [], 0, true), 0.1f));
        // 17 tree rows outgrow scratch sized for parts of 2.
        Assert.Throws<ArgumentException>(() => run.TrainHidden(kernel, new HiddenCall([0], [0, 1], new int[17], new float[17], [0, 17], [], 0, true), 0.1f));
        Assert.Throws<ArgumentException>(() => run.TrainHidden(kernel, new HiddenCall([0], [], [], [], [], [], 0, true), 0.1f));
    }

    [Fact]
    public void TrainHidden_IsOneSkipGramPair_WhenTheOnlyPartIsNegatives()
    {
        // One input, M+1 targets labelled 1, 0, …: the hidden kernel must do exactly what TrainPairs does.
        const int dim = 23;
        var random = new Random(5);
        float[] input = FloatArrays.Fill(random, 2 * dim, r => (float)(r.NextDouble() - 0.5));
        float[] output = FloatArrays.Fill(random, 6 * dim, r => (float)(r.NextDouble() - 0.5));
        int[] targets = [3, 1, 4, 1, 5, 0];
        using var pairs = new KernelCase(s_plain, dim, 5, input, output, KernelCase.PairScratch(dim, 5), s_table);
        using var hidden = new KernelCase(s_plain, dim, 5, input, output, KernelCase.HiddenScratch(dim, 6), s_table);
        float pairLoss = pairs.TrainPairs(s_reference, [1], targets, Alpha);
        float hiddenLoss = hidden.TrainHidden(s_reference, new HiddenCall([1], [0, 1], [], [], [], targets, 5, Mean: true), Alpha);
        Assert.Equal(pairs.Input, hidden.Input);
        Assert.Equal(pairs.Output, hidden.Output);
        Assert.Equal(pairLoss, hiddenLoss);
    }
}
