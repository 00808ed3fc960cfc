using FastSgns.Training;

namespace FastSgns.Tests;

/// <summary>
/// The training sample of src/FastSgns.Api/README.md, compiled here so that it cannot rot; DocsSampleTests checks that
/// the document shows exactly the lines between the markers and runs them on a small corpus.
/// </summary>
internal static class DocsTrainingSample
{
    public static string Run(string corpusPath, string workDirectory, TextWriter output, CancellationToken cancellation)
    {
        // <training-sample>
        var options = new TrainingOptions { Dim = 50, Epochs = 2, MinCount = 2, Sample = 1e-4 };
        string status = "";
        var settings = new TrainingRunSettings
        {
            WorkDirectory = workDirectory,                        // the temporary id file goes here
            SaveVocabularyPath = Path.Combine(workDirectory, "vocab.txt"),
            CheckpointPath = Path.Combine(workDirectory, "run.checkpoint"),
            CheckpointEvery = 0.25,                               // and when cancelled: rerun with Resume = true
            Log = line => output.WriteLine(line),                 // stage timings, the kernel that ran
            Progress = new Progress<TrainingProgress>(p => status = p.ToString()), // ~1/s: "52.10%  words/s …  ETA 0m03s"
        };

        using SgnsModel model = SgnsModel.Train([corpusPath], options, settings, cancellation);
        model.Save(Path.Combine(workDirectory, "vectors.bin"), binary: true);
        model.DeleteCheckpoint();                                 // kept until the vectors are safe
        // </training-sample>

        GC.KeepAlive(status);
        return Path.Combine(workDirectory, "vectors.bin");
    }
}
