using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

/// <summary>The suite's checks on every kernel, the reference included: bad calls, empty calls, non-finite dots.</summary>
public sealed partial class KernelParityTests
{
    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainPairs_ReturnsNaNLoss_WhenADotIsNaN(string name)
    {
        ISgnsKernel kernel = KernelData.Require(name);
        const int dim = 37;
        float[] input = FloatArrays.Fill(new Random(1), dim, _ => 0.5f);
        input[dim - 1] = float.NaN;
        float[] output = FloatArrays.Fill(new Random(2), 6 * dim, r => (float)r.NextDouble());
        using var run = new KernelCase(s_plain, dim, 5, input, output, KernelCase.PairScratch(dim, 5), s_table);
        float loss = run.TrainPairs(kernel, [0], [0, 1, 2, 3, 4, 5], Alpha);
        Assert.True(float.IsNaN(loss), $"{name}: loss {loss}");
    }

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainPairs_ReturnsNonFiniteLoss_WhenADotOverflows(string name)
    {
        ISgnsKernel kernel = KernelData.Require(name);
        const int dim = 19;
        float[] input = FloatArrays.Fill(new Random(1), dim, _ => 1e30f);
        float[] output = FloatArrays.Fill(new Random(2), 2 * dim, _ => 1e30f);
        using var run = new KernelCase(s_plain, dim, 1, input, output, KernelCase.PairScratch(dim, 1), s_table);
        float loss = run.TrainPairs(kernel, [0], [0, 1], Alpha);
        Assert.False(float.IsFinite(loss), $"{name}: loss {loss}");
    }

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainBatches_ReturnsNaNLoss_WhenADotIsNaN(string name)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        const int dim = 37;
        float[] input = FloatArrays.Fill(new Random(1), 3 * dim, _ => 0.5f);
        input[2 * dim - 1] = float.NaN;
        float[] output = FloatArrays.Fill(new Random(2), 6 * dim, r => (float)r.NextDouble());
        int[] offsets = [0, 3];
        using var run = new KernelCase(s_plain, dim, 5, input, output, KernelCase.BatchScratch(dim, 5, offsets), s_table);
        float loss = run.TrainBatches(kernel, [0, 1, 2], offsets, [0, 1, 2, 3, 4, 5], Alpha);
        Assert.True(float.IsNaN(loss), $"{name}: loss {loss}");
    }

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void Train_ReturnsZeroAndTouchesNothing_WhenThereIsNoWork(string name)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        const int dim = 7;
        float[] input = FloatArrays.Fill(new Random(3), 2 * dim, r => (float)r.NextDouble());
        float[] output = FloatArrays.Fill(new Random(4), 6 * dim, r => (float)r.NextDouble());
        using var run = new KernelCase(new KernelLayout(Padded: true, Placement: 1), dim, 5, input, output, KernelCase.BatchScratch(dim, 5, [0, 2]), s_table);
        Assert.Equal(0f, run.TrainPairs(kernel, [], [], Alpha));
        Assert.Equal(0f, run.TrainBatches(kernel, [], [0], [], Alpha));
        Assert.Equal(0f, run.TrainBatches(kernel, [0, 1], [1, 1, 1], [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], Alpha));
        Assert.Equal(input, run.Input);
        Assert.Equal(output, run.Output);
        run.AssertPaddingIntact(name);
    }

    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void Train_Throws_WhenIdsDoNotFitTheCall(string name)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        using var run = new KernelCase(s_plain, 4, 1, new float[8], new float[8], KernelCase.BatchScratch(4, 1, [0, 3]), s_table);
        Assert.Throws<ArgumentException>(() => run.TrainPairs(kernel, [0, 1], [0, 1, 1], 0.1f));
        Assert.Throws<ArgumentException>(() => run.TrainBatches(kernel, [0, 1], [0, 3], [0, 1], 0.1f));
        Assert.Throws<ArgumentException>(() => run.TrainBatches(kernel, [0, 1], [0, 2, 1], [0, 1, 0, 1], 0.1f));
        Assert.Throws<ArgumentException>(() => run.TrainBatches(kernel, [0, 1], [0, 1, 2], [0, 1, 0], 0.1f));
        Assert.Throws<ArgumentException>(() => run.TrainBatches(kernel, [0, 1], [], [], 0.1f));
        Assert.Throws<ArgumentException>(() => run.TrainBatches(kernel, [0, 1], [-1, 1], [0, 1], 0.1f));
    }

    /// <summary>Scratch one vector short of what the call needs is refused before any row is touched.</summary>
    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void Train_Throws_WhenScratchIsTooSmall(string name)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        const int dim = 40;
        float[] input = FloatArrays.Fill(new Random(5), 4 * dim, r => (float)r.NextDouble());
        float[] output = FloatArrays.Fill(new Random(6), 6 * dim, r => (float)r.NextDouble());
        int[] offsets = [0, 4];
        using (var pairs = new KernelCase(s_plain, dim, 5, input, output, KernelCase.PairScratch(dim, 5) - 16, s_table))
        {
            Assert.Throws<ArgumentException>(() => pairs.TrainPairs(kernel, [0], [0, 1, 2, 3, 4, 5], Alpha));
            Assert.Equal(input, pairs.Input);
        }

        using var batches = new KernelCase(s_plain, dim, 5, input, output, KernelCase.BatchScratch(dim, 5, offsets) - 16, s_table);
        Assert.Throws<ArgumentException>(() => batches.TrainBatches(kernel, [0, 1, 2, 3], offsets, [0, 1, 2, 3, 4, 5], Alpha));
        Assert.Equal(output, batches.Output);
    }

    /// <summary>
    /// Batches past the trained ones (the next sentence's, only requested) are not trained: the call equals
    /// TrainBatches on the trained prefix bit for bit, loss included, on zero-padded rows (training's layout).
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.Kernels), MemberType = typeof(KernelData))]
    public void TrainFirstBatches_EqualsTrainBatchesOnTheTrainedOnes(string name)
    {
        IBatchedSgnsKernel kernel = KernelData.RequireBatched(name);
        const int dim = 100, negatives = 5;
        var layout = new KernelLayout(Padded: true, Placement: 0, ZeroPadding: true);
        float[] input = FloatArrays.Fill(new Random(7), 12 * dim, r => (float)r.NextDouble() - 0.5f);
        float[] output = FloatArrays.Fill(new Random(8), 12 * dim, r => (float)r.NextDouble() - 0.5f);
        int[] contexts = [1, 2, 3, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        int[] offsets = [0, 3, 6, 9, 14];
        int[] targets = [.. Enumerable.Range(0, 4 * (negatives + 1)).Select(i => (i * 5 + 1) % 12)];
        int scratch = KernelCase.BatchScratch(dim, negatives, offsets);
        for (int trained = 0; trained <= 4; trained++)
        {
            using var expected = new KernelCase(layout, dim, negatives, input, output, scratch, s_table);
            using var actual = new KernelCase(layout, dim, negatives, input, output, scratch, s_table);
            float expectedLoss = expected.TrainBatches(kernel, contexts, offsets[..(trained + 1)], targets[..(trained * (negatives + 1))], Alpha);
            float actualLoss = kernel.TrainFirstBatches(actual.Context, contexts, offsets, targets, negatives, Alpha, trained);
            Assert.Equal(expectedLoss, actualLoss);
            Assert.Equal(expected.Input, actual.Input);
            Assert.Equal(expected.Output, actual.Output);
            actual.AssertPaddingIntact(name);
        }
    }
}
