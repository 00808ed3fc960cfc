using FastSgns.Randomness;

namespace FastSgns.Tests.Randomness;

public sealed class LcgTests
{
    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(1UL, 1UL)]
    [InlineData(7UL, 2UL)]
    [InlineData(12345UL, 3UL)]
    [InlineData(100_003UL, 0xFFFF_FFFF_FFFF_FFFFUL)]
    public void Skip_EqualsStepping(ulong steps, ulong seed)
    {
        var random = new Lcg(seed);
        for (ulong i = 0; i < steps; i++)
        {
            random.Next();
        }

        Assert.Equal(random.State, Lcg.Skip(seed, steps));
    }

    [Fact]
    public void Skip_Composes_OverDistancesTooLongToStep()
    {
        const ulong a = 130_240_000_000UL, b = (1UL << 62) + 12_345;

        Assert.Equal(Lcg.Skip(Lcg.Skip(5, a), b), Lcg.Skip(5, a + b));
        Assert.Equal(Lcg.Skip(Lcg.Skip(5, b), a), Lcg.Skip(5, a + b));
        // The period is 2^64: a full cycle returns to the start, half of one does not.
        Assert.Equal(5UL, Lcg.Skip(Lcg.Skip(5, 1UL << 63), 1UL << 63));
        Assert.NotEqual(5UL, Lcg.Skip(5, 1UL << 63));
    }
}
