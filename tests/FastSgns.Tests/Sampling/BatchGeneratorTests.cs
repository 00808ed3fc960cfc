using FastSgns.Randomness;
using FastSgns.Sampling;
using FastSgns.Training;

namespace FastSgns.Tests.Sampling;

public sealed class BatchGeneratorTests
{
    [Fact]
    public void Generate_MakesOneBatchPerCenterWord_WithItsWindowAndSharedTargets()
    {
        const int window = 3, negatives = 4;
        var generator = new BatchGenerator(new NegativeSampler([5, 4, 3, 2, 1, 1, 1, 1, 1, 1]), window, negatives);
        int[] sentence = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        var random = new Lcg(7);

        int batches = generator.Generate(sentence, ref random);

        Assert.Equal(sentence.Length, batches);
        for (int b = 0; b < batches; b++)
        {
            int center = generator.Targets[b * (negatives + 1)];
            Assert.Equal(sentence[b], center);
            int count = generator.Offsets[b + 1] - generator.Offsets[b];
            Assert.InRange(count, 1, generator.MaxBatch);
            for (int c = generator.Offsets[b]; c < generator.Offsets[b + 1]; c++)
            {
                Assert.NotEqual(center, generator.Contexts[c]);
                Assert.InRange(Math.Abs(generator.Contexts[c] - center), 1, window);
            }
        }
    }

    [Fact]
    public void Generate_ReusesNegatives_AcrossSharedWindows()
    {
        const int negatives = 5, shared = 3;
        var generator = new BatchGenerator(new NegativeSampler([0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 2, negatives, shared);
        int[] sentence = [0, 1, 2, 3, 4, 5, 6];
        var random = new Lcg(3);

        int batches = generator.Generate(sentence, ref random);

        int rows = negatives + 1;
        for (int b = 0; b < batches; b++)
        {
            int first = b / shared * shared;
            for (int d = 1; d < rows; d++)
            {
                // Center words have count 0, so they are never drawn and no redraw changes the shared draw.
                Assert.Equal(generator.Targets[first * rows + d], generator.Targets[b * rows + d]);
            }
        }

        Assert.NotEqual(generator.Targets.AsSpan(1, negatives).ToArray(), generator.Targets.AsSpan(shared * rows + 1, negatives).ToArray());
    }

    [Fact]
    public void Generate_MakesNoBatch_ForALoneWord()
    {
        var generator = new BatchGenerator(new NegativeSampler([1, 1]), 5, 2);
        var random = new Lcg(1);
        Assert.Equal(0, generator.Generate([1], ref random));
        Assert.Equal(0, generator.Offsets[0]);
    }

    [Fact]
    public void Validate_RejectsAnUnknownMode()
    {
        var options = new TrainingOptions { Mode = (TrainingMode)7 };
        var error = Assert.Throws<TrainingOptionsException>(options.Validate);
        Assert.Equal(nameof(TrainingOptions.Mode), error.OptionName);
    }
}
