using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Training;
using static FastSgns.Tests.Continued.ContinuedRuns;

namespace FastSgns.Tests.Continued;

/// <summary>
/// A continued run (<c>--init-model</c>) writes checkpoints and resumes from them like any run: interrupted and
/// resumed with one thread it ends bit for bit where the uninterrupted continuation ends, on a schedule that continues
/// and on new text alike; a checkpoint is resumed only by a run continuing the same model (its checksum is part of the
/// checkpoint's identity), and never by a run that starts afresh, nor a fresh run's checkpoint by a continued run.
/// </summary>
public sealed class ContinuedCheckpointTests
{
    private static readonly byte[] s_newText = SyntheticCorpus.Generate(3000, entitiesPerFamily: 8, seed: 12).Text;

    private static WordEmbeddings Continue(TempDirectory temp, TrainingOptions options, string model, CheckpointPlan? plan, byte[]? text = null,
        List<string>? log = null) =>
        new TrainingPipeline(options) { WorkDirectory = temp.Path, InitialModelPath = model, Checkpoints = plan, Log = log is null ? null : log.Add }
            .TrainFiles([CorpusFile(temp, text)]);

    /// <summary>A model that stopped after 1 of its 3 epochs, so that a run on the same text continues its schedule.</summary>
    private static string StoppedModel(TempDirectory temp, TrainingOptions options, string name = "stopped.fsgns")
    {
        string path = temp.File(name);
        var pipeline = new TrainingPipeline(options with { StopAfterEpochs = 1 }) { WorkDirectory = temp.Path, KeepModel = true };
        using WordEmbeddings vectors = pipeline.TrainFiles([CorpusFile(temp)]);
        using FullModel full = pipeline.Model!;
        full.Save(path, vectors.Vectors);
        return path;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Interrupted_ThenResumed_EqualsTheUninterruptedContinuation(bool newText, bool hierarchicalSoftmax)
    {
        using var temp = new TempDirectory();
        TrainingOptions options = Options() with { HierarchicalSoftmax = hierarchicalSoftmax };
        string model = StoppedModel(temp, options);
        byte[]? text = newText ? s_newText : null;
        using WordEmbeddings whole = Continue(temp, options, model, plan: null, text);

        string checkpoint = temp.File("continued.checkpoint");
        Assert.Throws<TrainingInterruptedException>(() => Continue(temp, options, model, new CheckpointPlan { Path = checkpoint, StopAfterWords = 8_000 }, text));
        Assert.True(File.Exists(checkpoint));
        var log = new List<string>();
        using WordEmbeddings resumed = Continue(temp, options, model, new CheckpointPlan { Path = checkpoint, Resume = true }, text, log);

        Assert.Contains(log, line => line.Contains("resumes from") && line.Contains("checksum"));
        Assert.Contains(log, line => line.Contains(newText ? "a new schedule" : "continuing the schedule"));
        Assert.Equal(whole.Words, resumed.Words);
        for (int i = 0; i < whole.Count; i++)
        {
            Assert.True(whole.Vectors.Row(i).SequenceEqual(resumed.Vectors.Row(i)), $"row {i} ({whole.Words[i]}) differs");
        }
    }

    [Fact]
    public void ResumingWithAnotherInitialModel_IsRefused_NamingBothChecksums()
    {
        using var temp = new TempDirectory();
        string model = StoppedModel(temp, Options());
        string other = StoppedModel(temp, Options() with { Seed = 6 }, "other.fsgns");
        string checkpoint = temp.File("continued.checkpoint");
        Assert.Throws<TrainingInterruptedException>(() => Continue(temp, Options(), model, new CheckpointPlan { Path = checkpoint, StopAfterWords = 8_000 }));

        var error = Assert.Throws<InvalidDataException>(() => Continue(temp, Options(), other, new CheckpointPlan { Path = checkpoint, Resume = true }));

        Assert.StartsWith($"{checkpoint}: the checkpoint belongs to another run: a run continuing the model with checksum ", error.Message);
        Assert.Contains($"where this run continues {other} (checksum ", error.Message);
        Assert.EndsWith("Resume with the same initial model, or start afresh.", error.Message);
    }

    [Fact]
    public void AContinuedRunsCheckpoint_IsNotResumedAfresh_NorAFreshOneByAContinuedRun()
    {
        using var temp = new TempDirectory();
        string model = StoppedModel(temp, Options());
        string continued = temp.File("continued.checkpoint");
        Assert.Throws<TrainingInterruptedException>(() => Continue(temp, Options(), model, new CheckpointPlan { Path = continued, StopAfterWords = 8_000 }));
        string fresh = temp.File("fresh.checkpoint");
        Assert.Throws<TrainingInterruptedException>(() =>
            new TrainingPipeline(Options()) { WorkDirectory = temp.Path, Checkpoints = new CheckpointPlan { Path = fresh, StopAfterWords = 8_000 } }.TrainFiles([CorpusFile(temp)]));

        var afresh = Assert.Throws<InvalidDataException>(() =>
            new TrainingPipeline(Options()) { WorkDirectory = temp.Path, Checkpoints = new CheckpointPlan { Path = continued, Resume = true } }.TrainFiles([CorpusFile(temp)]));
        var onFresh = Assert.Throws<InvalidDataException>(() => Continue(temp, Options(), model, new CheckpointPlan { Path = fresh, Resume = true }));

        Assert.StartsWith($"{continued}: the checkpoint belongs to a run continuing the model with checksum ", afresh.Message);
        Assert.StartsWith($"{fresh}: the checkpoint belongs to another run: a run that started afresh, where this run continues {model}", onFresh.Message);
    }
}
