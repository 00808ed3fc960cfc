using FastSgns.Embeddings;
using FastSgns.Evaluation;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Training;

namespace FastSgns.Tests.Continued;

/// <summary>
/// Continued training on new text, through the facade: the synthetic corpus's first half plants analogies among 25
/// entities per family, the second half among 30, so entities 25 to 29 are new words. After continuing, the new words
/// have vectors that solve their analogies, and the old analogies do not collapse: with negative sampling and with
/// hierarchical softmax, whose tree is rebuilt for the new counts (its inner-node weights start again at zero).
/// </summary>
public sealed class ContinuedLearningTests
{
    private static readonly TrainingOptions s_options = new() { Dim = 50, Epochs = 5, Threads = 2, Seed = 3 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NewText_GivesNewWordsVectors_AndKeepsTheOldAnalogies(bool hierarchicalSoftmax)
    {
        using var temp = new TempDirectory();
        TrainingOptions options = hierarchicalSoftmax ? s_options with { HierarchicalSoftmax = true, Negative = 0 } : s_options;
        SyntheticCorpus first = SyntheticCorpus.Generate(20_000, entitiesPerFamily: 25, seed: 7);
        SyntheticCorpus second = SyntheticCorpus.Generate(20_000, entitiesPerFamily: 30, seed: 8);
        string path = temp.File("first.fsgns");
        double before;
        using (SgnsModel model = SgnsModel.TrainText(first.Text, options, new TrainingRunSettings { KeepTrainingState = true }))
        {
            before = model.EvaluateAnalogies(first.Analogies).Accuracy;
            Assert.False(model.Contains("country27"));
            model.SaveModel(path);
        }

        var log = new List<string>();
        using SgnsModel continued = SgnsModel.TrainText(second.Text, options, new TrainingRunSettings { InitialModelPath = path, Log = log.Add, KeepTrainingState = true });

        using SgnsModel original = SgnsModel.LoadModel(path);
        Assert.Equal(original.Words, continued.Words.Take(original.Count));
        Assert.True(continued.Count > original.Count);
        Assert.Contains(log, line => line.Contains("new from the in-memory text"));
        Assert.Equal(hierarchicalSoftmax, log.Any(line => line.Contains("inner-node weights (syn1) start at zero")));
        Assert.Equal(hierarchicalSoftmax, continued.TrainingOptions!.HierarchicalSoftmax);
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

    [Fact]
    public void HierarchicalSoftmax_OnTheSameTextAgain_KeepsItsTree_AndItsInnerNodeWeights()
    {
        // A new schedule on the same text doubles every count: the Huffman tree is the same, so syn1 goes on.
        using var temp = new TempDirectory();
        SyntheticCorpus text = SyntheticCorpus.Generate(3000, entitiesPerFamily: 5, seed: 7);
        string path = temp.File("hs.fsgns");
        var options = new TrainingOptions { Dim = 12, Epochs = 1, Threads = 1, Seed = 21, HierarchicalSoftmax = true, Negative = 0 };
        using (SgnsModel model = SgnsModel.TrainText(text.Text, options, new TrainingRunSettings { KeepTrainingState = true }))
        {
            model.SaveModel(path);
        }

        var log = new List<string>();
        string again = temp.File("again.fsgns");
        using (SgnsModel continued = SgnsModel.TrainText(text.Text, options with { Alpha = 1e-12f },
                   new TrainingRunSettings { InitialModelPath = path, Log = log.Add, KeepTrainingState = true }))
        {
            continued.SaveModel(again);
        }

        Assert.Contains(log, line => line.Contains("a new schedule"));
        Assert.DoesNotContain(log, line => line.Contains("start at zero"));
        // With a learning rate that moves nothing measurably, the tree comes back as saved: it was loaded, not zeroed.
        float[] before = TreeOf(path, options.Dim);
        float[] after = TreeOf(again, options.Dim);
        Assert.Contains(before, v => MathF.Abs(v) > 1e-3f);
        for (int i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i], after[i], 1e-7f);
        }
    }

    /// <summary>The tree matrix's values: the last section of a model file with hierarchical softmax.</summary>
    private static float[] TreeOf(string path, int dim)
    {
        byte[] file = File.ReadAllBytes(path);
        int words;
        using (SgnsModel model = SgnsModel.LoadModel(path))
        {
            words = model.Count;
        }

        int values = (words - 1) * dim;
        int start = file.Length - 8 - sizeof(ulong) - values * sizeof(float);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(file.AsSpan(start, values * sizeof(float))).ToArray();
    }
}
