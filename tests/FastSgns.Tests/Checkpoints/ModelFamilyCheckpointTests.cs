using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Tests.Support;
using FastSgns.Training;
using static FastSgns.Tests.Checkpoints.CheckpointRuns;

namespace FastSgns.Tests.Checkpoints;

/// <summary>Checkpoints of CBOW and hierarchical-softmax runs: the tree is saved and restored, and the model is part of the identity.</summary>
public sealed class ModelFamilyCheckpointTests
{
    [Theory]
    [InlineData(TrainingModel.Cbow, true, 0)]
    [InlineData(TrainingModel.SkipGram, true, 3)]
    [InlineData(TrainingModel.Cbow, false, 5)]
    public void StopThenResume_IsBitIdentical_ToAnUninterruptedRun(TrainingModel model, bool hierarchicalSoftmax, int negative)
    {
        using var temp = new TempDirectory();
        string checkpoint = temp.File("model.checkpoint");
        TrainingOptions options = Options() with { Model = model, HierarchicalSoftmax = hierarchicalSoftmax, Negative = negative };
        WordEmbeddings expected = Train(temp, options, null);

        Assert.Throws<TrainingInterruptedException>(() => Train(temp, options, new CheckpointPlan { Path = checkpoint, StopAfterWords = 15_000 }));
        WordEmbeddings resumed = Train(temp, options, Resume(checkpoint));

        // Without the tree in the checkpoint the resumed run would restart syn1 from zero and differ.
        Assert.True(expected.Vectors.Values().SequenceEqual(resumed.Vectors.Values()), "resumed vectors differ from the uninterrupted run");
    }

    /// <summary>
    /// Batched mode trains each sentence one call late (BatchStep holds it until the next is drawn): the worker must
    /// train the held sentence before it saves its state, or the resumed run would skip it.
    /// </summary>
    [Theory]
    [InlineData(1_000, "scalar")]
    [InlineData(50_000, "auto")]
    public void StopThenResume_InBatchedMode_IsBitIdentical_ToAnUninterruptedRun(long stopAfterWords, string kernel)
    {
        using var temp = new TempDirectory();
        string checkpoint = temp.File("model.checkpoint");
        TrainingOptions options = Options() with { Mode = TrainingMode.Batched, Kernel = kernel };
        WordEmbeddings expected = Train(temp, options, null);

        Assert.Throws<TrainingInterruptedException>(() => Train(temp, options, new CheckpointPlan { Path = checkpoint, StopAfterWords = stopAfterWords }));
        WordEmbeddings resumed = Train(temp, options, Resume(checkpoint));

        Assert.True(expected.Vectors.Values().SequenceEqual(resumed.Vectors.Values()), "resumed vectors differ from the uninterrupted run");
    }

    [Theory]
    [InlineData("Model is cbow now but skipgram in the checkpoint", TrainingModel.Cbow, false, true)]
    [InlineData("HierarchicalSoftmax is off now but on in the checkpoint", TrainingModel.SkipGram, false, false)]
    [InlineData("CbowMean is sum now but mean in the checkpoint", TrainingModel.SkipGram, true, false)]
    public void Resume_WithAnotherModel_FailsNamingTheDifference(string expected, TrainingModel model, bool sum, bool hierarchicalSoftmax)
    {
        using var temp = new TempDirectory();
        string checkpoint = temp.File("model.checkpoint");
        TrainingOptions saved = Options() with { HierarchicalSoftmax = true };
        Assert.Throws<TrainingInterruptedException>(() => Train(temp, saved, new CheckpointPlan { Path = checkpoint, StopAfterWords = 10_000 }));

        TrainingOptions now = saved with { Model = model, CbowMean = !sum, HierarchicalSoftmax = hierarchicalSoftmax, Alpha = saved.Alpha };
        var error = Assert.Throws<InvalidDataException>(() => Train(temp, now, Resume(checkpoint)));

        Assert.Contains(expected, error.Message);
    }
}
