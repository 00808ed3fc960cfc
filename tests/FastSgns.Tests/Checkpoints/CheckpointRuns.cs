using FastSgns.Checkpoints;
using FastSgns.Embeddings;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Training;

namespace FastSgns.Tests.Checkpoints;

/// <summary>Small single-thread runs through the pipeline, stopped and resumed, shared by the checkpoint tests.</summary>
internal static class CheckpointRuns
{
    public static readonly byte[] Text = SyntheticCorpus.Generate(4000).Text;

    public static TrainingOptions Options(int dim = 24) =>
        new() { Dim = dim, Epochs = 3, Threads = 1, Seed = 11, Kernel = "scalar", MinCount = 2 };

    /// <summary>Writes the corpus as corpus.txt (the same name every time, so only its bytes can differ).</summary>
    public static string CorpusFile(TempDirectory temp, byte[]? text = null)
    {
        string path = temp.File("corpus.txt");
        File.WriteAllBytes(path, text ?? Text);
        return path;
    }

    public static WordEmbeddings Train(TempDirectory temp, TrainingOptions options, CheckpointPlan? plan, List<string>? log = null, byte[]? text = null) =>
        new TrainingPipeline(options) { WorkDirectory = temp.Path, Checkpoints = plan, Log = log is null ? null : log.Add }
            .TrainFiles([CorpusFile(temp, text)]);

    /// <summary>Runs until <paramref name="stopAfterWords"/> as if interrupted; returns the checkpoint left behind.</summary>
    public static string Interrupted(TempDirectory temp, long stopAfterWords = 10_000)
    {
        string checkpoint = temp.File("model.checkpoint");
        Assert.Throws<TrainingInterruptedException>(() =>
            Train(temp, Options(), new CheckpointPlan { Path = checkpoint, StopAfterWords = stopAfterWords }));
        return checkpoint;
    }

    public static CheckpointPlan Resume(string checkpoint) => new() { Path = checkpoint, Resume = true };
}
