using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Tests.Sampling;

public sealed class HiddenGeneratorTests
{
    private static readonly long[] s_counts = [50, 40, 30, 20, 10, 5, 5, 2];

    [Fact]
    public void Cbow_MakesOneExamplePerCenter_WithTheShrunkWindowsContexts_AndItsPathAndNegatives()
    {
        var tree = new HuffmanTree(s_counts);
        var generator = new HiddenGenerator(new NegativeSampler(s_counts), tree, window: 2, negatives: 3, cbow: true);
        int[] sentence = [0, 1, 2, 3, 4, 5];
        var random = new Lcg(7);
        int center = 0;
        int examples = generator.Generate(sentence, ref center, ref random);

        Assert.Equal(sentence.Length, center);
        Assert.Equal(sentence.Length, examples);
        for (int e = 0; e < examples; e++)
        {
            // The contexts are the shrunk window around e, e left out: reach b on both sides, clipped by the sentence.
            int[] inputs = generator.Inputs[generator.InputOffsets[e]..generator.InputOffsets[e + 1]];
            int reach = inputs.Max(c => Math.Abs(c - e));
            Assert.InRange(reach, 1, 2);
            int[] expected = [.. Enumerable.Range(e - reach, 2 * reach + 1).Where(c => c != e && c >= 0 && c < sentence.Length)];
            Assert.Equal(expected, inputs);
            Assert.Equal(tree.Points(e).ToArray(), generator.Nodes[generator.NodeOffsets[e]..generator.NodeOffsets[e + 1]]);
            Assert.Equal(tree.Codes(e).ToArray().Select(b => 1f - b), generator.NodeLabels[generator.NodeOffsets[e]..generator.NodeOffsets[e + 1]]);
            Assert.Equal(e, generator.Targets[e * 4]);
            for (int d = 1; d <= 3; d++)
            {
                Assert.NotEqual(e, generator.Targets[e * 4 + d]);
            }
        }

        // The first draw is the first center's shrink.
        var replay = new Lcg(7);
        Assert.Equal(2 - replay.NextBelow(2), generator.InputOffsets[1]);
    }

    [Fact]
    public void SkipGram_MakesOneExamplePerContextWord_WithoutNegatives()
    {
        var tree = new HuffmanTree(s_counts);
        var generator = new HiddenGenerator(new NegativeSampler(s_counts), tree, window: 1, negatives: 0, cbow: false);
        int[] sentence = [3, 1, 4];
        var random = new Lcg(1);
        int center = 0;
        int examples = generator.Generate(sentence, ref center, ref random);

        // Window 1 never shrinks: centers 0, 1, 2 have 1, 2, 1 contexts.
        Assert.Equal(4, examples);
        Assert.Equal([1, 3, 4, 1], generator.Inputs[..4]);
        Assert.Equal([0, 1, 2, 3, 4], generator.InputOffsets[..5]);
        Assert.Equal(tree.Points(1).ToArray(), generator.Nodes[generator.NodeOffsets[1]..generator.NodeOffsets[2]]);
        Assert.Empty(generator.Targets);
    }

    /// <summary>
    /// A negative equal to the center word: redrawn by default (so negatives other than word 0 only, with 0 the most
    /// frequent word), kept for the kernel to skip when the generator is for <c>GensimTargets</c> (gensim's and word2vec.c's skip),
    /// and then the draws are the sampler's own, one per negative.
    /// </summary>
    [Fact]
    public void NegativesEqualToTheCenter_AreRedrawn_OrKeptForTheKernelToSkip()
    {
        var sampler = new NegativeSampler(s_counts);
        int[] sentence = [.. Enumerable.Repeat(0, 200)];
        var redraw = new HiddenGenerator(sampler, null, window: 2, negatives: 5, cbow: true);
        var keep = new HiddenGenerator(sampler, null, window: 2, negatives: 5, cbow: true, gensimTargets: true);
        var random = new Lcg(11);
        int center = 0;
        int examples = redraw.Generate(sentence, ref center, ref random);
        Assert.Equal(sentence.Length, examples);
        for (int e = 0; e < examples; e++)
        {
            Assert.Equal(0, redraw.Targets[e * 6]);
            Assert.DoesNotContain(0, redraw.Targets[(e * 6 + 1)..(e * 6 + 6)]);
        }

        Assert.False(redraw.GensimTargets);
        Assert.True(keep.GensimTargets);
        random = new Lcg(11);
        center = 0;
        Assert.Equal(examples, keep.Generate(sentence, ref center, ref random));
        var replay = new Lcg(11);
        int kept = 0;
        for (int e = 0; e < examples; e++)
        {
            replay.NextBelow(2);
            for (int d = 1; d <= 5; d++)
            {
                int expected = sampler.Sample(ref replay);
                Assert.Equal(expected, keep.Targets[e * 6 + d]);
                kept += expected == 0 ? 1 : 0;
            }
        }

        // Word 0 holds a fifth of the noise distribution's mass: hundreds of the 1,000 draws.
        Assert.InRange(kept, 100, 400);
    }

    [Fact]
    public void Cbow_SkipsACenterWithoutContext()
    {
        var generator = new HiddenGenerator(new NegativeSampler(s_counts), null, window: 3, negatives: 2, cbow: true);
        var random = new Lcg(1);
        int center = 0;
        Assert.Equal(0, generator.Generate([5], ref center, ref random));
        Assert.Equal(1, center);
    }

    [Fact]
    public void LongSentences_AreCutAtCenterWords_AndTheChunksAddUp()
    {
        var generator = new HiddenGenerator(new NegativeSampler(s_counts), null, window: 5, negatives: 1, cbow: false);
        int[] sentence = [.. Enumerable.Range(0, Sentence.MaxLength).Select(i => i % 8)];
        var random = new Lcg(3);
        int center = 0, total = 0, chunks = 0;
        while (center < sentence.Length)
        {
            int examples = generator.Generate(sentence, ref center, ref random);
            Assert.True(generator.InputOffsets[examples] <= generator.Inputs.Length);
            total += examples;
            chunks++;
        }

        var pairs = new PairGenerator(new NegativeSampler(s_counts), 5, 1);
        var replay = new Lcg(3);
        Assert.Equal(pairs.Generate(sentence, ref replay), total);
        Assert.True(chunks >= 1);
    }
}
