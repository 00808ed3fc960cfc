using FastSgns.Embeddings;
using FastSgns.Evaluation;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Training;

namespace FastSgns.Tests.Continued;

/// <summary>
/// Continued training on new text, through the facade: the synthetic corpus's first half plants analogies among 25
/// entities per family, the second half among 30, so entities 25 to 29 are new words. After continuing, the new words
/// have vectors that solve their analogies, and the old analogies do not collapse.
/// </summary>
public sealed class ContinuedLearningTests
{
    private static readonly TrainingOptions s_options = new() { Dim = 50, Epochs = 5, Threads = 2, Seed = 3 };

    [Fact]
    public void NewText_GivesNewWordsVectors_AndKeepsTheOldAnalogies()
    {
        using var temp = new TempDirectory();
        SyntheticCorpus first = SyntheticCorpus.Generate(20_000, entitiesPerFamily: 25, seed: 7);
        SyntheticCorpus second = SyntheticCorpus.Generate(20_000, entitiesPerFamily: 30, seed: 8);
        string path = temp.File("first.fsgns");
        double before;
        using (SgnsModel model = SgnsModel.TrainText(first.Text, s_options, new TrainingRunSettings { KeepTrainingState = true }))
        {
            before = model.EvaluateAnalogies(first.Analogies).Accuracy;
            Assert.False(model.Contains("country27"));
            model.SaveModel(path);
        }

        var log = new List<string>();
        using SgnsModel continued = SgnsModel.TrainText(second.Text, s_options, new TrainingRunSettings { InitialModelPath = path, Log = log.Add });

        using SgnsModel original = SgnsModel.LoadModel(path);
        Assert.Equal(original.Words, continued.Words.Take(original.Count));
        Assert.True(continued.Count > original.Count);
        Assert.Contains(log, line => line.Contains("new from the in-memory text"));
        AnalogyQuestion[] fresh = [.. second.Analogies.Where(q => new[] { q.A, q.B, q.C, q.D }.Any(w => original.IndexOf(w) < 0))];
        Assert.NotEmpty(fresh);
        double old = continued.EvaluateAnalogies(first.Analogies).Accuracy;
        AnalogyResult added = continued.EvaluateAnalogies(fresh);

        // Before: ≈ 99 % (see SyntheticLearningTests); a collapse of the old words would fall far below 80 %, and new words
        // left at their random start would solve about none of their analogies.
        Assert.True(before >= 0.9, $"first model: {before:P1}");
        Assert.True(old >= 0.8, $"old analogies after continuing: {old:P1} (before: {before:P1})");
        Assert.Equal(1.0, added.Coverage);
        Assert.True(added.Accuracy >= 0.7, $"analogies with new words: {added.Accuracy:P1}");
    }

    [Fact]
    public void NewRows_StartAsAFreshRunStartsThem_AndOldRowsKeepTheirVectors()
    {
        using var temp = new TempDirectory();
        SyntheticCorpus first = SyntheticCorpus.Generate(3000, entitiesPerFamily: 5, seed: 7);
        SyntheticCorpus second = SyntheticCorpus.Generate(3000, entitiesPerFamily: 8, seed: 8);
        string path = temp.File("first.fsgns");
        var options = new TrainingOptions { Dim = 12, Epochs = 1, Threads = 1, Seed = 21 };
        using (SgnsModel model = SgnsModel.TrainText(first.Text, options, new TrainingRunSettings { KeepTrainingState = true }))
        {
            model.SaveModel(path);
        }

        // A learning rate so small that training moves nothing measurably: what is left is the starting point.
        using SgnsModel continued = SgnsModel.TrainText(second.Text, options with { Alpha = 1e-12f }, new TrainingRunSettings { InitialModelPath = path });

        using SgnsModel original = SgnsModel.LoadModel(path);
        using var fresh = new EmbeddingMatrix(continued.Count, options.Dim);
        fresh.InitializeUniform(options.Seed);
        for (int i = 0; i < continued.Count; i++)
        {
            float[] expected = i < original.Count ? original.GetVector(i).ToArray() : fresh.Row(i).ToArray();
            float[] actual = continued.GetVector(i).ToArray();
            for (int j = 0; j < expected.Length; j++)
            {
                Assert.Equal(expected[j], actual[j], 1e-7f);
            }
        }
    }
}
