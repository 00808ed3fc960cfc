using FastSgns.Randomness;
using FastSgns.Sampling;

namespace FastSgns.Tests.Sampling;

public sealed class PairGeneratorTests
{
    [Fact]
    public void Pairs_StayInsideTheShrunkWindow_WithTheCenterAsPositive()
    {
        var sampler = new NegativeSampler([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
        var generator = new PairGenerator(sampler, window: 3, negatives: 4);
        int[] sentence = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        var random = new Lcg(5);

        int pairs = generator.Generate(sentence, ref random);

        Assert.InRange(pairs, 2 * sentence.Length - 2, 2 * 3 * sentence.Length);
        for (int p = 0; p < pairs; p++)
        {
            int context = generator.Inputs[p];
            ReadOnlySpan<int> targets = generator.Targets.AsSpan(p * 5, 5);
            int center = targets[0];
            Assert.NotEqual(center, context);
            Assert.InRange(Math.Abs(center - context), 1, 3);
            foreach (int negative in targets[1..])
            {
                Assert.NotEqual(center, negative);
            }
        }
    }

    [Fact]
    public void EveryNeighbourIsUsed_WhenTheWindowIsOne()
    {
        var generator = new PairGenerator(new NegativeSampler([1, 1, 1, 1]), window: 1, negatives: 1);
        var random = new Lcg(9);

        int pairs = generator.Generate([0, 1, 2, 3], ref random);

        // A window of 1 cannot shrink: (0,1) (1,0) (1,2) (2,1) (2,3) (3,2).
        Assert.Equal(6, pairs);
        Assert.Equal([1, 0, 2, 1, 3, 2], generator.Inputs.AsSpan(0, 6).ToArray());
    }
}
