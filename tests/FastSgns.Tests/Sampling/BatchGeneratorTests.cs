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

    /// <summary>
    /// BatchStep draws the next sentence behind the held one (Generate from its first batch) and then drops the held
    /// batches: what is left must be what drawing that sentence alone from the same state gives.
    /// </summary>
    [Fact]
    public void Generate_AfterHeldBatches_ThenDropFirst_EqualsDrawingTheSentenceAlone()
    {
        const int window = 3, negatives = 4, rows = negatives + 1;
        long[] counts = [.. Enumerable.Range(1, 40).Select(c => (long)c)];
        var held = new BatchGenerator(new NegativeSampler(counts), window, negatives);
        var alone = new BatchGenerator(new NegativeSampler(counts), window, negatives);
        int[] first = [3, 9, 12, 30, 7, 1, 22];
        int[] second = [5, 6, 11, 2, 38, 17, 4, 25, 19];
        var random = new Lcg(11);
        int heldBatches = held.Generate(first, ref random);
        var reference = new Lcg(random.State);

        int total = held.Generate(second, ref random, heldBatches);
        int expected = alone.Generate(second, ref reference);
        Assert.Equal(reference.State, random.State);
        Assert.Equal(heldBatches + expected, total);
        held.DropFirst(heldBatches, total);

        Assert.Equal(alone.Offsets.AsSpan(0, expected + 1).ToArray(), held.Offsets.AsSpan(0, expected + 1).ToArray());
        Assert.Equal(alone.Contexts.AsSpan(0, alone.Offsets[expected]).ToArray(), held.Contexts.AsSpan(0, held.Offsets[expected]).ToArray());
        Assert.Equal(alone.Targets.AsSpan(0, expected * rows).ToArray(), held.Targets.AsSpan(0, expected * rows).ToArray());
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
    public void StateAhead_IsTheStateAfterDrawAheadCenterWordsWithoutRedraws()
    {
        // A vocabulary beyond L2, so the generator prefetches its draws; the center word (0) is never drawn as a
        // negative here (count 1 among 300 k words of count 1000), so no draw is redrawn.
        long[] counts = [1, .. Enumerable.Repeat(1000L, 300_000)];
        var sampler = new NegativeSampler(counts);
        Assert.True(sampler.PrefetchPays);
        const int negatives = 5, window = 2;
        var generator = new BatchGenerator(sampler, window, negatives);
        var random = new Lcg(23);
        ulong predicted = generator.StateAhead(random.State);
        int[] sentence = [0, 0, 0, 0, 0, 0, 0, 0];
        var reference = new Lcg(random.State);
        for (int center = 0; center < BatchGenerator.DrawAhead; center++)
        {
            reference.NextBelow(window);
            for (int d = 0; d < negatives; d++)
            {
                Assert.NotEqual(0, sampler.Sample(ref reference));
            }
        }

        Assert.Equal(reference.State, predicted);

        // And the draws themselves are those of the generator (the prefetches change nothing).
        var drawn = new Lcg(23);
        Assert.Equal(sentence.Length, generator.Generate(sentence, ref drawn));
        var replay = new Lcg(23);
        for (int center = 0; center < sentence.Length; center++)
        {
            replay.NextBelow(window);
            for (int d = 1; d <= negatives; d++)
            {
                Assert.Equal(sampler.Sample(ref replay), generator.Targets[center * (negatives + 1) + d]);
            }
        }

        Assert.Equal(replay.State, drawn.State);
    }

    [Fact]
    public void Validate_RejectsAnUnknownMode()
    {
        var options = new TrainingOptions { Mode = (TrainingMode)7 };
        var error = Assert.Throws<TrainingOptionsException>(options.Validate);
        Assert.Equal(nameof(TrainingOptions.Mode), error.OptionName);
    }
}
