using FastSgns.Training;

namespace FastSgns.Tests.Continued;

/// <summary>The continued-training sample of src/FastSgns.Api/README.md, compiled and run by <see cref="DocsContinuedSampleTests"/>.</summary>
internal static class DocsContinuedSample
{
    public static (int Before, int After) Run(string firstCorpus, string newCorpus, string workDirectory)
    {
        // <continued-sample>
        string modelPath = Path.Combine(workDirectory, "model.fsgns");
        var options = new TrainingOptions { Dim = 50, Epochs = 5, StopAfterEpochs = 2, MinCount = 2, Threads = 1 };
        using (SgnsModel first = SgnsModel.Train([firstCorpus], options, new TrainingRunSettings { KeepTrainingState = true }))
        {
            first.SaveModel(modelPath);                       // vectors, output weights, counts, options, schedule
        }

        // The other 3 epochs of the schedule, on the same text: the same vectors as 5 epochs in one go (one thread).
        TrainingOptions saved = SgnsModel.ReadModelOptions(modelPath) with { Threads = 1 };
        using SgnsModel rest = SgnsModel.Train([firstCorpus], saved, new TrainingRunSettings { InitialModelPath = modelPath, KeepTrainingState = true });
        rest.SaveModel(modelPath);

        // New text: its new words are added (old words keep their rows), and a new schedule of the model's epochs runs.
        using SgnsModel updated = SgnsModel.Train([newCorpus], saved, new TrainingRunSettings { InitialModelPath = modelPath });
        int[] classes = updated.WordClasses(10);             // word2vec's -classes: k-means over the vectors
        // </continued-sample>
        Assert.Equal(updated.Count, classes.Length);
        return (rest.Count, updated.Count);
    }
}
