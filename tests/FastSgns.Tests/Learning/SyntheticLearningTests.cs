using FastSgns.Embeddings;
using FastSgns.Evaluation;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Training;

namespace FastSgns.Tests.Learning;

public sealed class SyntheticLearningTests
{
    [Fact]
    public void PlantedAnalogies_AreLearned_FarAboveChance()
    {
        SyntheticCorpus corpus = SyntheticCorpus.Generate(20_000);
        WordEmbeddings vectors = new TrainingPipeline(new TrainingOptions { Dim = 50, Epochs = 5, Threads = 2 }).TrainText(corpus.Text);

        AnalogyResult result = AnalogyEvaluator.Evaluate(vectors, corpus.Analogies);

        // Chance is 1/|V| ≈ 0.1 %. Each planted word occurs ~130 times; word2vec-style training recovers the
        // entity + role structure almost perfectly (≈ 99 % seen), so 90 % leaves room for thread scheduling
        // noise while any real defect in gradients, sampling or windows drops far below it.
        Assert.Equal(1.0, result.Coverage);
        Assert.True(result.Accuracy >= 0.90, $"planted-analogy accuracy {result.Accuracy:P1} < 90 %");
    }

    [Fact]
    public void UntrainedVectors_DoNotSolveThePlantedAnalogies()
    {
        // The control for the test above: the same evaluation on random vectors stays near chance.
        SyntheticCorpus corpus = SyntheticCorpus.Generate(20_000);
        WordEmbeddings trained = new TrainingPipeline(new TrainingOptions { Dim = 50, Epochs = 1, Threads = 1, Alpha = 1e-9f }).TrainText(corpus.Text);

        AnalogyResult result = AnalogyEvaluator.Evaluate(trained, corpus.Analogies);

        Assert.True(result.Accuracy < 0.05, $"random vectors scored {result.Accuracy:P1}");
    }
}
