using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Training;

namespace FastSgns.Tests.Continued;

/// <summary>Small runs shared by the continued-training tests.</summary>
internal static class ContinuedRuns
{
    public static readonly byte[] Text = SyntheticCorpus.Generate(3000).Text;

    public static TrainingOptions Options() => new() { Dim = 16, Epochs = 3, Threads = 1, Seed = 5, MinCount = 2 };

    /// <summary>A full model file of <see cref="Text"/>, written through the facade.</summary>
    public static string SavedModel(TempDirectory temp, string name = "m.fsgns")
    {
        string path = temp.File(name);
        using SgnsModel model = SgnsModel.TrainText(Text, Options(), new TrainingRunSettings { KeepTrainingState = true, WorkDirectory = temp.Path });
        model.SaveModel(path);
        return path;
    }

    public static string CorpusFile(TempDirectory temp, byte[]? text = null, string name = "corpus.txt")
    {
        string path = temp.File(name);
        File.WriteAllBytes(path, text ?? Text);
        return path;
    }
}
