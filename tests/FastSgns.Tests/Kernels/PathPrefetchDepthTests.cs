using FastSgns.Kernels;

namespace FastSgns.Tests.Kernels;

public sealed class PathPrefetchDepthTests
{
    private const long L2Bytes = 2L << 20;

    [Theory]
    [InlineData(112, 12)] // dim 100: 4,095 rows of 448 bytes = 1.8 MB
    [InlineData(304, 10)] // dim 300
    [InlineData(16, 15)]
    [InlineData(1L << 20, 3)] // rows wider than the budget: never fewer levels than RowPrefetch skips itself
    public void Levels_AreTheTopLevelsWhoseRowsFitTheL2Budget(long stride, int expected)
    {
        Assert.Equal(expected, PathPrefetchDepth.Levels(stride));
    }

    [Fact]
    public void Levels_AreTheMostWhoseRowsFit_ForEveryStride()
    {
        for (long stride = 1; stride <= 4096; stride++)
        {
            int levels = PathPrefetchDepth.Levels(stride);
            long rowBytes = stride * sizeof(float);
            if (levels > 3)
            {
                Assert.True(((1L << levels) - 1) * rowBytes <= L2Bytes, $"stride {stride}: {levels} levels overflow");
            }

            Assert.True(((1L << (levels + 1)) - 1) * rowBytes > L2Bytes, $"stride {stride}: {levels + 1} levels would fit");
        }
    }
}
