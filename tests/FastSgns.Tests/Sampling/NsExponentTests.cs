using FastSgns.Randomness;
using FastSgns.Tests.Checkpoints;
using FastSgns.Tests.Support;
using FastSgns.Sampling;
using FastSgns.Training;

namespace FastSgns.Tests.Sampling;

/// <summary>--ns-exponent: negatives are drawn in proportion to count^F, for gensim's whole range of F.</summary>
public sealed class NsExponentTests
{
    private static readonly long[] s_counts = [5000, 1200, 800, 300, 90, 40, 12, 5, 2, 1];

    [Theory]
    [InlineData(0.75)]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    public void Table_EncodesCountToThePower(double exponent)
    {
        double[] p = new NegativeSampler(s_counts, exponent).Probabilities();

        double[] expected = Expected(exponent);
        for (int i = 0; i < s_counts.Length; i++)
        {
            Assert.Equal(expected[i], p[i], 1e-9);
        }
    }

    [Theory]
    [InlineData(0.75)]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    public void Draws_PassAChiSquareTest_AgainstCountToThePower(double exponent)
    {
        var sampler = new NegativeSampler(s_counts, exponent);
        var random = new Lcg(12345);
        const int draws = 2_000_000;
        var observed = new long[s_counts.Length];
        for (int i = 0; i < draws; i++)
        {
            observed[sampler.Sample(ref random)]++;
        }

        double[] expected = Expected(exponent);
        double chiSquare = 0;
        for (int i = 0; i < s_counts.Length; i++)
        {
            double e = expected[i] * draws;
            chiSquare += (observed[i] - e) * (observed[i] - e) / e;
        }

        // 9 degrees of freedom: P(χ² > 27.88) = 0.001. A table for another exponent (0.75 instead of 1, say) gives
        // χ² in the tens of thousands at this many draws.
        Assert.True(chiSquare < 27.88, $"χ² = {chiSquare:F1} for exponent {exponent}");
    }

    [Fact]
    public void Draws_OfOneExponent_FailTheTestOfAnother()
    {
        // The control for the test above: it can fail.
        var sampler = new NegativeSampler(s_counts, 0.75);
        var random = new Lcg(12345);
        var observed = new long[s_counts.Length];
        for (int i = 0; i < 200_000; i++)
        {
            observed[sampler.Sample(ref random)]++;
        }

        double[] other = Expected(1.0);
        double chiSquare = observed.Select((o, i) => (o - other[i] * 200_000) * (o - other[i] * 200_000) / (other[i] * 200_000)).Sum();
        Assert.True(chiSquare > 1000, $"χ² = {chiSquare:F1}");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(11.0)]
    [InlineData(-11.0)]
    public void Options_RefuseAnExponentOutOfRange(double exponent)
    {
        var error = Assert.Throws<TrainingOptionsException>(() => new TrainingOptions { NsExponent = exponent }.Validate());
        Assert.Equal(nameof(TrainingOptions.NsExponent), error.OptionName);
    }

    [Fact]
    public void Options_DefaultToWord2VecsThreeQuarters() => Assert.Equal(0.75, new TrainingOptions().NsExponent);

    [Fact]
    public void Checkpoint_OfAnotherExponent_IsNotResumed()
    {
        using var temp = new TempDirectory();
        string checkpoint = CheckpointRuns.Interrupted(temp);

        var error = Assert.Throws<InvalidDataException>(() =>
            CheckpointRuns.Train(temp, CheckpointRuns.Options() with { NsExponent = 1 }, CheckpointRuns.Resume(checkpoint)));

        Assert.Contains("NsExponent is 1 now but 0.75 in the checkpoint", error.Message);
    }

    private static double[] Expected(double exponent)
    {
        double[] w = [.. s_counts.Select(c => Math.Pow(c, exponent))];
        double total = w.Sum();
        return [.. w.Select(x => x / total)];
    }
}
