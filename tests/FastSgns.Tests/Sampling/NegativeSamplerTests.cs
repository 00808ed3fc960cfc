using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Tests.Sampling;

public sealed class NegativeSamplerTests
{
    private static double[] Unigram075(long[] counts)
    {
        double[] p = [.. counts.Select(c => Math.Pow(c, 0.75))];
        double total = p.Sum();
        return [.. p.Select(x => x / total)];
    }

    private static long[] ZipfCounts(int n) => [.. Enumerable.Range(1, n).Select(r => (long)(1_000_000 / r) + 1)];

    [Fact]
    public void AliasTable_EncodesUnigramToThePower075()
    {
        long[] counts = ZipfCounts(5000);
        var sampler = new NegativeSampler(counts);

        double[] expected = Unigram075(counts);
        double[] actual = sampler.Probabilities();

        for (int i = 0; i < counts.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-9);
        }
    }

    [Fact]
    public void Draws_MatchTheDistribution_InTotalVariation()
    {
        long[] counts = ZipfCounts(200);
        var sampler = new NegativeSampler(counts);
        var random = new Lcg(7);
        const int draws = 2_000_000;
        var hits = new long[counts.Length];
        for (int i = 0; i < draws; i++)
        {
            hits[sampler.Sample(ref random)]++;
        }

        double[] expected = Unigram075(counts);
        double tv = 0.5 * expected.Select((p, i) => Math.Abs(p - hits[i] / (double)draws)).Sum();

        // With 200 outcomes and 2M draws the sampling noise alone gives a TV distance near 0.004;
        // a biased sampler (e.g. plain unigram, TV ≈ 0.17 here) is far beyond 0.01.
        Assert.True(tv < 0.01, $"total variation {tv:F4} ≥ 0.01");
    }

    [Fact]
    public void Draws_AreThoseOfTheAcceptOrAliasComparison()
    {
        // The sampler selects with a mask; the draws must be the plain comparison's, bucket by bucket, including
        // the always-accepted buckets (threshold uint.MaxValue) and a vocabulary beyond L2 as gen100m's.
        long[] counts = ZipfCounts(700_000);
        var sampler = new NegativeSampler(counts);
        var random = new Lcg(19);
        var reference = new Lcg(19);
        int aliased = 0, accepted = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            int index = reference.NextBelow(sampler.Count);
            (uint threshold, int alias) = sampler.BucketAt(index);
            bool accept = reference.NextHigh() < threshold;
            (accept ? ref accepted : ref aliased)++;
            Assert.Equal(accept ? index : alias, sampler.Sample(ref random));
        }

        Assert.Equal(reference.State, random.State);
        Assert.True(aliased > 1000 && accepted > 1000, $"both outcomes must occur: {accepted} accepted, {aliased} aliased");
    }

    [Fact]
    public void PrefetchDraw_ReturnsTheStateASampleLeaves()
    {
        var sampler = new NegativeSampler(ZipfCounts(1000));
        var random = new Lcg(5);
        for (int i = 0; i < 1000; i++)
        {
            ulong after = sampler.PrefetchDraw(random.State);
            sampler.Sample(ref random);
            Assert.Equal(random.State, after);
        }

        Assert.False(sampler.PrefetchPays);
        Assert.True(new NegativeSampler(ZipfCounts(1 << 18)).PrefetchPays);
    }

    [Fact]
    public void Sampler_NeverReturnsAWordOutsideTheVocabulary()
    {
        var sampler = new NegativeSampler([5, 1, 1_000_000]);
        var random = new Lcg(3);

        Assert.All(Enumerable.Range(0, 100_000), _ => Assert.InRange(sampler.Sample(ref random), 0, 2));
    }
}
