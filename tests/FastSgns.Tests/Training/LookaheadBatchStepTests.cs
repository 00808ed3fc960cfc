using FastSgns.Embeddings;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;
using FastSgns.Training;

namespace FastSgns.Tests.Training;

public sealed class LookaheadBatchStepTests
{
    private const int Dim = 20, Window = 3, Negatives = 4, Words = 50;

    // Lengths around the chunk size (8 batches): a lone word (no batch), one chunk, exactly two, a partial third.
    private static readonly int[] s_lengths = [5, 1, 8, 17, 16, 2, 0, 9, 40, 3];

    [Theory]
    [InlineData("scalar")]
    [InlineData("auto")]
    public void TrainsEverySentenceOneLater_WithTheSameDrawsAndUpdatesAsBatchStep(string kernelName)
    {
        var kernel = (IBatchedSgnsKernel)KernelRegistry.Resolve(kernelName);
        var sampler = new NegativeSampler(Enumerable.Range(1, Words).Select(i => (long)(Words + 1 - i)).ToArray());
        using var table = new SigmoidTable();
        using var direct = new Model(table);
        using var deferred = new Model(table);
        var plain = new BatchStep(kernel, new BatchGenerator(sampler, Window, Negatives), Negatives, Window);
        var ahead = new LookaheadBatchStep(kernel, new BatchLookahead(new BatchGenerator(sampler, Window, Negatives), new BatchGenerator(sampler, Window, Negatives)), Negatives, Window);
        var plainRandom = new Lcg(11);
        var aheadRandom = new Lcg(11);
        var sentences = new Lcg(5);
        long plainRows = 0, aheadRows = 0;
        double plainLoss = 0, aheadLoss = 0;
        int previous = 0;
        for (int s = 0; s < s_lengths.Length; s++)
        {
            int[] sentence = [.. Enumerable.Range(0, s_lengths[s]).Select(_ => sentences.NextBelow(Words))];
            float alpha = 0.025f * (1 - s / 20f);
            int plainTrained = plain.Train(direct.Context, sentence, alpha, ref plainRandom, out float loss);
            plainRows += plainTrained;
            plainLoss += loss;
            int trained = ahead.Train(deferred.Context, sentence, alpha, ref aheadRandom, out loss);
            aheadRows += trained;
            aheadLoss += loss;

            // What the step returns is the previous sentence's training; the current one waits.
            Assert.Equal(previous, trained);
            previous = plainTrained;
            Assert.Equal(plainRandom.State, aheadRandom.State);
        }

        aheadRows += ahead.Flush(deferred.Context, out float last, out float lastAlpha);
        aheadLoss += last;

        Assert.Equal(0.025f * (1 - (s_lengths.Length - 1) / 20f), lastAlpha);
        Assert.Equal(0, ahead.Flush(deferred.Context, out _, out _));
        Assert.Equal(plainRows, aheadRows);
        Assert.Equal(plainLoss, aheadLoss, 1e-3);
        for (int w = 0; w < Words; w++)
        {
            Assert.True(direct.Input.Row(w).SequenceEqual(deferred.Input.Row(w)), $"input row {w} differs");
            Assert.True(direct.Output.Row(w).SequenceEqual(deferred.Output.Row(w)), $"output row {w} differs");
        }
    }

    [Fact]
    public void Pays_OnlyForMatricesBeyondTheLastLevelCache()
    {
        // calloc'd and never written, so these cost address space, not memory.
        using var small = new EmbeddingMatrix(1000, Dim);
        using var half = new EmbeddingMatrix((int)(LookaheadBatchStep.MinMatrixBytes / 2 / (16 * 4 * 2)), Dim);

        Assert.False(LookaheadBatchStep.Pays(small, small));
        Assert.True(LookaheadBatchStep.Pays(half, half));
        Assert.False(LookaheadBatchStep.Pays(small, half));
    }

    private sealed unsafe class Model : IDisposable
    {
        private readonly KernelWorkspace _scratch = KernelWorkspace.ForBatches(Dim, Negatives, 2 * Window);

        public Model(SigmoidTable table)
        {
            Input.InitializeUniform(3);
            Output.InitializeUniform(4);
            Context = new KernelContext(Input.Pointer, Input.Stride, Output.Pointer, Output.Stride, Dim, table, _scratch);
        }

        public EmbeddingMatrix Input { get; } = new(Words, Dim);

        public EmbeddingMatrix Output { get; } = new(Words, Dim);

        public KernelContext Context { get; }

        public void Dispose()
        {
            _scratch.Dispose();
            Input.Dispose();
            Output.Dispose();
        }
    }
}
