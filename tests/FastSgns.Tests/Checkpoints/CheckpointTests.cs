using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Pipeline;
using FastSgns.Tests.Support;
using FastSgns.Training;
using static FastSgns.Tests.Checkpoints.CheckpointRuns;

namespace FastSgns.Tests.Checkpoints;

/// <summary>Stopping, saving and resuming must not change a single-thread run by a single bit.</summary>
public sealed class CheckpointTests
{
    [Theory]
    [InlineData(1_000)]
    [InlineData(50_000)]
    [InlineData(90_000)]
    public void StopThenResume_IsBitIdentical_ToAnUninterruptedRun(long stopAfterWords)
    {
        using var temp = new TempDirectory();
        string checkpoint = temp.File("model.checkpoint");
        WordEmbeddings expected = Train(temp, Options(), null);

        var stopped = Assert.Throws<TrainingInterruptedException>(() =>
            Train(temp, Options(), new CheckpointPlan { Path = checkpoint, StopAfterWords = stopAfterWords }));
        Assert.True(File.Exists(checkpoint));
        Assert.InRange(stopped.Fraction, 0.0, 0.999);
        WordEmbeddings resumed = Train(temp, Options(), new CheckpointPlan { Path = checkpoint, Resume = true });

        Assert.Equal(expected.Words, resumed.Words);
        Assert.True(expected.Vectors.Values().SequenceEqual(resumed.Vectors.Values()), "resumed vectors differ from the uninterrupted run");
        Assert.Equal(["corpus.txt", "model.checkpoint"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void PeriodicCheckpoints_AreLogged_AndDoNotChangeTheResult()
    {
        using var temp = new TempDirectory();
        string checkpoint = temp.File("model.checkpoint");
        WordEmbeddings expected = Train(temp, Options(), null);
        var log = new List<string>();
        var plan = new CheckpointPlan { Path = checkpoint, EveryFraction = 0.01, MinInterval = TimeSpan.Zero };
        var pipeline = new TrainingPipeline(Options()) { WorkDirectory = temp.Path, Checkpoints = plan, Log = log.Add };

        WordEmbeddings actual = pipeline.TrainFiles([CorpusFile(temp)]);

        Assert.True(expected.Vectors.Values().SequenceEqual(actual.Vectors.Values()));
        Assert.True(File.Exists(checkpoint));
        Assert.Contains(log, line => line.StartsWith("checkpoint:", StringComparison.Ordinal) && line.Contains("saved to"));
        pipeline.DeleteCheckpoint();
        Assert.False(File.Exists(checkpoint));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Resume_WithOtherOptions_FailsNamingTheDifference()
    {
        using var temp = new TempDirectory();
        string checkpoint = temp.File("model.checkpoint");
        Assert.Throws<TrainingInterruptedException>(() =>
            Train(temp, Options(), new CheckpointPlan { Path = checkpoint, StopAfterWords = 10_000 }));

        var error = Assert.Throws<InvalidDataException>(() =>
            Train(temp, Options(dim: 16), new CheckpointPlan { Path = checkpoint, Resume = true }));

        Assert.Contains("Dim is 16 now but 24 in the checkpoint", error.Message);
        Assert.Contains("another run", error.Message);
    }

    [Fact]
    public void Resume_WithoutACheckpoint_FailsClearly()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<FileNotFoundException>(() =>
            Train(temp, Options(), new CheckpointPlan { Path = temp.File("none.checkpoint"), Resume = true }));

        Assert.Contains("no checkpoint", error.Message);
    }

    [Fact]
    public void TwoThreads_StopAndResume_Completes_AndLearnsFiniteVectors()
    {
        using var temp = new TempDirectory();
        string checkpoint = temp.File("model.checkpoint");
        var options = Options() with { Threads = 2 };
        Assert.Throws<TrainingInterruptedException>(() =>
            Train(temp, options, new CheckpointPlan { Path = checkpoint, StopAfterWords = 30_000 }));

        WordEmbeddings resumed = Train(temp, options, new CheckpointPlan { Path = checkpoint, Resume = true });

        Assert.True(resumed.Vectors.Values().All(float.IsFinite));
    }
}
