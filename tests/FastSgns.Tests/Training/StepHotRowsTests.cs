using FastSgns.Embeddings;
using FastSgns.Kernels;
using FastSgns.Randomness;
using FastSgns.Sampling;
using FastSgns.Training;

namespace FastSgns.Tests.Training;

/// <summary>
/// Private hot rows (<see cref="HotRows"/>) in the per-pair mode (<see cref="PairStep"/>) and in CBOW
/// (<see cref="HiddenStep"/>).
/// </summary>
public sealed unsafe class StepHotRowsTests
{
    private const int Words = 60;
    private const int Hot = 8;
    private const int Dim = 20;
    private const int Negatives = 5;

    /// <summary>
    /// One worker with hot rows does the same arithmetic as one without: its private copies hold, bit for bit, what
    /// the shared hot rows hold without them, the other rows are equal too, and the shared hot rows do not move until
    /// the merge, which then brings them to the private values (up to the rounding of shared + (own − seen)).
    /// </summary>
    [Fact]
    public void PairStep_TrainsThePrivateCopies_AsItWouldTheSharedRows_AndTheMergePublishesThem()
    {
        NegativeSampler sampler = Sampler();
        AssertSameArithmetic(
            new PairStep(Kernel, new PairGenerator(sampler, 4, Negatives), Negatives),
            hot => new PairStep(Kernel, new PairGenerator(sampler, 4, Negatives), Negatives, hot));
    }

    /// <summary>
    /// The same for CBOW with negatives, under gensim's target rule (negatives equal to the center kept by the generator
    /// and skipped by the kernel, which compares the moved ids) and under word2vec.c's (redrawn), the mean and the sum.
    /// </summary>
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void HiddenStep_TrainsThePrivateCopies_AsItWouldTheSharedRows_AndTheMergePublishesThem(bool gensimTargets, bool mean)
    {
        NegativeSampler sampler = Sampler();
        HiddenGenerator Examples() => new(sampler, null, 4, Negatives, cbow: true, gensimTargets);
        AssertSameArithmetic(new HiddenStep(Kernel, Examples(), mean), hot => new HiddenStep(Kernel, Examples(), mean, hot));
    }

    private static ISgnsKernel Kernel => KernelRegistry.Resolve("scalar");

    private static NegativeSampler Sampler() => new([.. Enumerable.Range(0, Words).Select(i => 1000L / (i + 1) + 1)]);

    /// <summary>Trains <paramref name="plain"/> on shared rows and the step <paramref name="withHot"/> makes on private hot rows, and compares them.</summary>
    private static void AssertSameArithmetic<TStep>(TStep plain, Func<HotRows, TStep> withHot)
        where TStep : struct, ISentenceStep
    {
        using var table = new SigmoidTable();
        using EmbeddingMatrix plainInput = Matrix(1), plainOutput = Matrix(2), hotInput = Matrix(1), hotOutput = Matrix(2);
        float[] sharedBefore = hotInput.Block(0, Hot).ToArray();
        var hot = new HotRows(hotInput, hotOutput, Hot, 0, new Lock());

        Train(plain, plainInput, plainOutput, table);
        Train(withHot(hot), hotInput, hotOutput, table);

        Assert.True(hotInput.SpareBlock(0, Hot).SequenceEqual(plainInput.Block(0, Hot)), "private input rows");
        Assert.True(hotOutput.SpareBlock(0, Hot).SequenceEqual(plainOutput.Block(0, Hot)), "private output rows");
        Assert.True(hotInput.Block(Hot, Words - Hot).SequenceEqual(plainInput.Block(Hot, Words - Hot)), "other input rows");
        Assert.True(hotOutput.Block(Hot, Words - Hot).SequenceEqual(plainOutput.Block(Hot, Words - Hot)), "other output rows");
        Assert.True(hotInput.Block(0, Hot).SequenceEqual(sharedBefore), "the shared hot rows wait for the merge");
        Assert.False(plainInput.Block(0, Hot).SequenceEqual(sharedBefore), "the hot rows were trained");

        hot.Merge();

        AssertClose(plainInput.Block(0, Hot), hotInput.Block(0, Hot));
        AssertClose(plainOutput.Block(0, Hot), hotOutput.Block(0, Hot));
    }

    /// <summary>Sentences of Zipf-like ids (the hot rows are hit often), trained by <paramref name="step"/> from one seed.</summary>
    private static void Train<TStep>(TStep step, EmbeddingMatrix input, EmbeddingMatrix output, SigmoidTable table)
        where TStep : struct, ISentenceStep
    {
        using KernelWorkspace workspace = step.CreateWorkspace(Dim);
        var context = new KernelContext(input.Pointer, input.Stride, output.Pointer, output.Stride, Dim, table, workspace) { ZeroPadding = true };
        var ids = new Lcg(11);
        var random = new Lcg(3);
        var sentence = new int[30];
        for (int s = 0; s < 40; s++)
        {
            for (int i = 0; i < sentence.Length; i++)
            {
                int u = ids.NextBelow(Words);
                sentence[i] = u * u / Words; // skewed toward the small (hot) ids
            }

            step.Train(context, sentence, 0.05f, ref random, out _);
        }
    }

    /// <summary>A matrix of <see cref="Words"/> rows with one worker's spare rows, filled from <paramref name="seed"/>.</summary>
    private static EmbeddingMatrix Matrix(int seed)
    {
        var matrix = new EmbeddingMatrix(Words, Dim, EmbeddingMatrix.StrideFor(Dim), Hot);
        matrix.InitializeUniform((ulong)seed);
        return matrix;
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f * (1 + Math.Abs(expected[i])), $"element {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
