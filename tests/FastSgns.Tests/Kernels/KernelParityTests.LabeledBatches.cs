using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>
/// The suite's labelled-batch part: <see cref="IBatchedSgnsKernel.TrainLabeledBatches"/> (skip-gram's hierarchical
/// softmax in batched mode) against the scalar reference over dims, path lengths (T = 1..40, the Huffman code lengths),
/// batch sizes and every <see cref="KernelLayout"/>; and against word2vec.c's order, one context at a time
/// (the scalar <see cref="ISgnsKernel.TrainHidden"/>), which it must equal up to rounding.
/// </summary>
public sealed partial class KernelParityTests
{
    /// <summary>Path lengths: one target, around the 2- and 4-wide tiles and the 8- and 16-lane gathers, up to 40.</summary>
    private static readonly int[] s_pathLengths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 21, 24, 31, 33, 40];

    /// <summary>
    /// Multiples of 1/8 in [−1, 1] and rows owned by each batch keep every dot (contexts with targets and with each
    /// other) exact in any order, so every kernel must match the scalar kernel bit for bit: the corrections and the
    /// update are the same fused operations in the same order. Five batches per call: one without contexts, one
    /// without targets; a repeated context in each batch of two or more.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.ComparedKernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainLabeledBatches_MatchesScalarBitForBit_WhenDotsAreExact(string name, int dim)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        for (int p = 0; p < s_pathLengths.Length; p += 3)
        {
            var random = new Random(9000 + dim * 50 + p);
            int[] sizes = [s_batchSizes[(dim + p) % s_batchSizes.Length], 0, 1 + (dim * 7 + p) % 20, 3, dim % 2 == 0 ? 20 : 1];
            int[] paths = [s_pathLengths[p], s_pathLengths[(p + 1) % s_pathLengths.Length], s_pathLengths[(p + 2) % s_pathLengths.Length], 0,
                s_pathLengths[(dim + p) % s_pathLengths.Length]];
            LabeledCall call = LabeledCall.Random(random, sizes, paths, ownRows: true, 0, 0);
            float[] input = FloatArrays.Fill(random, sizes.Sum() * dim, r => r.Next(-8, 9) / 8f);
            float[] output = FloatArrays.Fill(random, paths.Sum() * dim, r => r.Next(-8, 9) / 8f);
            CompareLabeled(kernel, dim, input, output, call, KernelLayout.All, s_table, 0,
                $"{name}, dim {dim}, B {string.Join("/", sizes)}, T {string.Join("/", paths)}");
        }
    }

    /// <summary>
    /// Eight batches drawing from seven context rows and a few more tree rows than the longest path: later batches read
    /// what earlier ones wrote, dots round differently per kernel, so within the tolerance the pairs' twin test argues.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.ComparedKernelsAndDims), MemberType = typeof(KernelData))]
    public void TrainLabeledBatches_MatchesScalarWithinTolerance_WhenBatchesShareRows(string name, int dim)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        var random = new Random(11000 + dim);
        const int inputRows = 7;
        const int batches = 8;
        float a = MathF.Sqrt(12 / MathF.Sqrt(dim));
        int[] sizes = [.. Enumerable.Range(0, batches).Select(b => s_batchSizes[(dim + b) % s_batchSizes.Length])];
        int[] paths = [.. Enumerable.Range(0, batches).Select(b => s_pathLengths[(dim * 3 + b * 5) % s_pathLengths.Length])];
        int outputRows = paths.Max() + 2;
        LabeledCall call = LabeledCall.Random(random, sizes, paths, ownRows: false, inputRows, outputRows);
        float[] input = FloatArrays.Fill(random, inputRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
        float[] output = FloatArrays.Fill(random, outputRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
        KernelLayout layout = KernelLayout.All[dim % KernelLayout.All.Length];
        CompareLabeled(kernel, dim, input, output, call, [layout], s_fineTable, KernelData.SharedRowsTolerance(name, Tolerance),
            $"{name}, dim {dim}, shared rows");
    }

    /// <summary>
    /// The contract's point: a batch is word2vec.c's skip-gram order, one context after the other against the path,
    /// so it must equal the scalar <see cref="ISgnsKernel.TrainHidden"/> fed one example per context (same rows, same
    /// order) up to rounding: there each context's dots read the rows the previous one wrote. Contexts distinct within
    /// a batch (the contract's condition), rows shared across batches, a fine sigmoid table so that rounding
    /// seldom moves an entry; tolerance 1e-4 relative.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainLabeledBatches_MatchesOneContextAtATime_WhenContextsAreDistinct(string name)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        foreach (int dim in (int[])[1, 7, 16, 37, 100, 128, 300])
        {
            var random = new Random(12000 + dim);
            const int inputRows = 24;
            const int treeRows = 45;
            int[] sizes = [1, 10, 3, 20, 6, 2];
            int[] paths = [5, 17, 1, 12, 40, 3];
            var contexts = new List<int>();
            var offsets = new List<int> { 0 };
            var exampleOffsets = new List<int> { 0 };
            var nodes = new List<int>();
            var nodeLabels = new List<float>();
            var nodeOffsets = new List<int> { 0 };
            LabeledCall paths0 = LabeledCall.Random(random, sizes, paths, ownRows: false, inputRows, treeRows);
            for (int b = 0; b < sizes.Length; b++)
            {
                int[] distinct = [.. Enumerable.Range(0, inputRows)];
                random.Shuffle(distinct);
                for (int i = 0; i < sizes[b]; i++)
                {
                    contexts.Add(distinct[i]);
                    exampleOffsets.Add(contexts.Count);
                    for (int k = paths0.TargetOffsets[b]; k < paths0.TargetOffsets[b + 1]; k++)
                    {
                        nodes.Add(paths0.Targets[k]);
                        nodeLabels.Add(paths0.Labels[k]);
                    }

                    nodeOffsets.Add(nodes.Count);
                }

                offsets.Add(contexts.Count);
            }

            var call = paths0 with { Contexts = [.. contexts], Offsets = [.. offsets] };
            var examples = new HiddenCall([.. contexts], [.. exampleOffsets], [.. nodes], [.. nodeLabels], [.. nodeOffsets], [], 0, Mean: false);
            float a = MathF.Sqrt(12 / MathF.Sqrt(dim));
            float[] input = FloatArrays.Fill(random, inputRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            float[] tree = FloatArrays.Fill(random, treeRows * dim, r => (float)(r.NextDouble() * 2 - 1) * a);
            KernelLayout layout = KernelLayout.All[dim % KernelLayout.All.Length];
            string where = $"{name}, dim {dim}, {layout}";
            using var sequential = new KernelCase(s_plain, dim, 0, input, tree, tree, KernelCase.HiddenScratch(dim, paths.Max()), s_fineTable);
            using var batched = new KernelCase(layout, dim, 0, input, tree, call.Scratch(), s_fineTable);
            float sequentialLoss = sequential.TrainHidden(s_reference, examples, Alpha);
            float batchedLoss = batched.TrainLabeledBatches(kernel, call, Alpha);
            batched.AssertPaddingIntact(where);
            FloatArrays.AssertClose(sequential.Input, batched.Input, 1e-4, $"input, {where}");
            FloatArrays.AssertClose(sequential.Tree, batched.Output, 1e-4, $"tree, {where}");
            FloatArrays.AssertClose([sequentialLoss], [batchedLoss], 1e-4, $"loss, {where}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainLabeledBatches_ReturnsNaNLoss_WhenADotIsNaN(string name)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        const int dim = 37;
        float[] input = FloatArrays.Fill(new Random(1), 3 * dim, _ => 0.5f);
        input[2 * dim - 1] = float.NaN;
        float[] output = FloatArrays.Fill(new Random(2), 6 * dim, r => (float)r.NextDouble());
        var call = new LabeledCall([0, 1, 2], [0, 3], [0, 1, 2, 3, 4], [0, 5], [1, 0, 0, 1, 1]);
        using var run = new KernelCase(s_plain, dim, 0, input, output, call.Scratch(), s_table);
        float loss = run.TrainLabeledBatches(kernel, call, Alpha);
        Assert.True(float.IsNaN(loss), $"{name}: loss {loss}");
    }

    /// <summary>No batches, batches without contexts and batches without targets touch nothing and cost nothing.</summary>
    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainLabeledBatches_ReturnsZeroAndTouchesNothing_WhenThereIsNoWork(string name)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        const int dim = 7;
        float[] input = FloatArrays.Fill(new Random(3), 2 * dim, r => (float)r.NextDouble());
        float[] output = FloatArrays.Fill(new Random(4), 6 * dim, r => (float)r.NextDouble());
        var empty = new LabeledCall([], [0], [], [0], []);
        var hollow = new LabeledCall([0, 1], [0, 0, 2], [0, 1, 2], [0, 3, 3], [1, 0, 1]);
        using var run = new KernelCase(new KernelLayout(Padded: true, Placement: 1), dim, 0, input, output, hollow.Scratch(), s_table);
        Assert.Equal(0f, run.TrainLabeledBatches(kernel, empty, Alpha));
        Assert.Equal(0f, run.TrainLabeledBatches(kernel, hollow, Alpha));
        Assert.Equal(input, run.Input);
        Assert.Equal(output, run.Output);
        run.AssertPaddingIntact(name);
    }

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainLabeledBatches_Throws_WhenTheArraysDoNotFitOrScratchIsShort(string name)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        const int dim = 40;
        float[] input = FloatArrays.Fill(new Random(5), 4 * dim, r => (float)r.NextDouble());
        float[] output = FloatArrays.Fill(new Random(6), 6 * dim, r => (float)r.NextDouble());
        var good = new LabeledCall([0, 1, 2, 3], [0, 4], [0, 1, 2], [0, 3], [1, 0, 1]);
        using (var run = new KernelCase(s_plain, dim, 0, input, output, good.Scratch(), s_table))
        {
            Assert.Throws<ArgumentException>(() => run.TrainLabeledBatches(kernel, good with { Labels = [1, 0] }, Alpha));
            Assert.Throws<ArgumentException>(() => run.TrainLabeledBatches(kernel, good with { TargetOffsets = [0, 4] }, Alpha));
            Assert.Throws<ArgumentException>(() => run.TrainLabeledBatches(kernel, good with { TargetOffsets = [0] }, Alpha));
            Assert.Throws<ArgumentException>(() => run.TrainLabeledBatches(kernel, good with { Offsets = [0, 5] }, Alpha));
            Assert.Throws<ArgumentException>(() => run.TrainLabeledBatches(kernel, good with { Offsets = [0, 3, 2], TargetOffsets = [0, 1, 3] }, Alpha));
            Assert.Throws<ArgumentException>(() => run.TrainLabeledBatches(kernel, good with { Offsets = [] }, Alpha));
            Assert.Equal(input, run.Input);
        }

        using var shortScratch = new KernelCase(s_plain, dim, 0, input, output, good.Scratch() - 16, s_table);
        Assert.Throws<ArgumentException>(() => shortScratch.TrainLabeledBatches(kernel, good, Alpha));
        Assert.Equal(output, shortScratch.Output);
    }

    private static void CompareLabeled(IBatchedSgnsKernel kernel, int dim, float[] input, float[] output, LabeledCall call,
        KernelLayout[] layouts, SigmoidTable table, double tolerance, string where)
    {
        int scratch = call.Scratch();
        using var expected = new KernelCase(s_plain, dim, 0, input, output, scratch, table);
        float expectedLoss = expected.TrainLabeledBatches(s_reference, call, Alpha);
        foreach (KernelLayout layout in layouts)
        {
            using var actual = new KernelCase(layout, dim, 0, input, output, scratch, table);
            float actualLoss = actual.TrainLabeledBatches(kernel, call, Alpha);
            actual.AssertPaddingIntact($"{where}, {layout}");
            FloatArrays.AssertClose(expected.Input, actual.Input, tolerance, $"input, {where}, {layout}");
            FloatArrays.AssertClose(expected.Output, actual.Output, tolerance, $"output, {where}, {layout}");
            FloatArrays.AssertClose([expectedLoss], [actualLoss], Tolerance, $"loss, {where}, {layout}");
        }
    }
}
