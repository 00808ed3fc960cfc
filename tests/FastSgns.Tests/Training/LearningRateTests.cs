using FastSgns.Training;

namespace FastSgns.Tests.Training;

/// <summary>The linear schedule: word2vec.c's expression when it ends at 0, a decay to end · alpha otherwise.</summary>
public sealed class LearningRateTests
{
    private const long Total = 48_786_130;

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(12_345_678L)]
    [InlineData(Total / 2)]
    [InlineData(Total)]
    [InlineData(Total + 1_000)]
    public void EndZero_IsWord2vecsExpression_BitForBit(long words)
    {
        const float alpha = 0.025f;
        float expected = Math.Max(alpha * 1e-4f, alpha * (1 - words / (float)(Total + 1)));

        Assert.Equal(expected, new LearningRate(alpha, Total).At(words));
        Assert.Equal(expected, new LearningRate(alpha, Total, 0f).At(words));
    }

    [Fact]
    public void EndATenth_DecaysLinearly_FromAlpha_ToATenthOfIt()
    {
        const float alpha = 0.075f;
        var rate = new LearningRate(alpha, Total, 0.1f);

        Assert.Equal(alpha, rate.At(0));
        Assert.Equal(0.55f * alpha, rate.At(Total / 2), 1e-6f);
        Assert.Equal(0.1f * alpha, rate.At(Total), 1e-6f);
        Assert.True(rate.At(Total / 3) > rate.At(2 * Total / 3));
        Assert.Equal(alpha * 1e-4f, rate.Floor);
    }

    [Fact]
    public void AlphaEnd_IsATenth_ForCbowWithNegatives_Only()
    {
        Assert.Equal(0.1f, new TrainingOptions { Model = TrainingModel.Cbow }.AlphaEnd);
        Assert.Equal(0.1f, new TrainingOptions { Model = TrainingModel.Cbow, HierarchicalSoftmax = true }.AlphaEnd);
        Assert.Equal(0f, new TrainingOptions { Model = TrainingModel.Cbow, HierarchicalSoftmax = true, Negative = 0 }.AlphaEnd);
        Assert.Equal(0f, new TrainingOptions().AlphaEnd);
        Assert.Equal(0f, new TrainingOptions { HierarchicalSoftmax = true, Negative = 0 }.AlphaEnd);
    }
}
