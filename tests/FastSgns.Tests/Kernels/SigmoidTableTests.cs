using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

public sealed class SigmoidTableTests
{
    [Fact]
    public void Entries_AreWord2VecExpTable_WithSaturationEnds()
    {
        using var table = new SigmoidTable();
        ReadOnlySpan<float> entries = table.SigmoidEntries;

        Assert.Equal(1002, entries.Length);
        Assert.Equal(0f, entries[0]);
        Assert.Equal(1f, entries[^1]);
        for (int i = 0; i < 1000; i++)
        {
            // word2vec.c: expTable[i] = exp((i / 1000 * 2 - 1) * 6); expTable[i] /= expTable[i] + 1.
            double e = Math.Exp((i / 1000.0 * 2 - 1) * 6);
            Assert.Equal((float)(e / (e + 1)), entries[i + 1], 1e-7f);
        }
    }

    [Theory]
    [InlineData(0f, 0.5f, 0.01f)]
    [InlineData(2f, 0.8808f, 0.01f)]
    [InlineData(-2f, 0.1192f, 0.01f)]
    [InlineData(5.99f, 0.9975f, 0.001f)]
    [InlineData(6f, 1f, 0f)]
    [InlineData(100f, 1f, 0f)]
    [InlineData(-6.1f, 0f, 0f)]
    [InlineData(float.NegativeInfinity, 0f, 0f)]
    public void Lookup_ApproximatesSigmoid_AndSaturates(float x, float expected, float tolerance)
    {
        using var table = new SigmoidTable();

        Assert.Equal(expected, table.Lookup(x), tolerance);
    }

    [Fact]
    public void Lookup_IsMonotone_AndWithinOneBucketOfTheTrueSigmoid()
    {
        using var table = new SigmoidTable(size: 512, maxExp: 8);
        float previous = 0;
        for (float x = -9; x <= 9; x += 0.001f)
        {
            float y = table.Lookup(x);
            Assert.True(y >= previous);
            previous = y;
            if (Math.Abs(x) < 8)
            {
                // The entry is σ at the bucket's left edge, one bucket = 16/512 wide, and σ' ≤ 1/4.
                Assert.InRange(y, 1 / (1 + MathF.Exp(-x)) - 16f / 512 / 4 - 1e-6f, 1 / (1 + MathF.Exp(-x)) + 1e-6f);
            }
        }
    }

    [Fact]
    public void EntryOf_MapsNaNAndInfinitiesInsideTheTable()
    {
        Assert.InRange(SigmoidTable.EntryOf(float.NaN, 6, 1000 / 12f, 1000), 0, 1001);
        Assert.Equal(1001, SigmoidTable.EntryOf(float.PositiveInfinity, 6, 1000 / 12f, 1000));
        Assert.Equal(0, SigmoidTable.EntryOf(float.NegativeInfinity, 6, 1000 / 12f, 1000));
    }
}
