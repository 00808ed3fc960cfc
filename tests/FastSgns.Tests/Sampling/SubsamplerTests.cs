using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Tests.Sampling;

public sealed class SubsamplerTests
{
    [Fact]
    public void KeepProbabilities_FollowWord2VecFormula()
    {
        long[] counts = [1_000_000, 100_000, 1_000, 10];
        long trainWords = counts.Sum();
        const double sample = 1e-3;
        var subsampler = new Subsampler(counts, trainWords, sample);

        for (int i = 0; i < counts.Length; i++)
        {
            double t = sample * trainWords;
            double expected = (Math.Sqrt(counts[i] / t) + 1) * t / counts[i];
            Assert.Equal((float)expected, subsampler[i]);
        }

        Assert.True(subsampler[0] < 0.05f, "the most frequent word must be heavily subsampled");
        Assert.True(subsampler[3] > 1f, "a rare word is always kept");
    }

    [Fact]
    public void Keep_DrawsWithTheKeepProbability()
    {
        long[] counts = [900_000, 100_000];
        var subsampler = new Subsampler(counts, 1_000_000, 1e-3);
        var random = new Lcg(42);
        const int draws = 400_000;
        int kept = 0;
        for (int i = 0; i < draws; i++)
        {
            kept += subsampler.Keep(0, ref random) ? 1 : 0;
        }

        double p = subsampler[0];
        double sigma = Math.Sqrt(p * (1 - p) / draws);
        Assert.InRange(kept / (double)draws, p - 5 * sigma, p + 5 * sigma);
    }

    [Fact]
    public void SampleZero_KeepsEverything()
    {
        var subsampler = new Subsampler([1_000_000_000L, 1], 1_000_000_001, 0);
        var random = new Lcg(1);

        Assert.False(subsampler.Enabled);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(subsampler.Keep(0, ref random)));
    }
}
