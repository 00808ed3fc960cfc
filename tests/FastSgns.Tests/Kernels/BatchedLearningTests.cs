using FastSgns.Embeddings;
using FastSgns.Evaluation;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Training;

namespace FastSgns.Tests.Kernels;

public sealed class BatchedLearningTests
{
    private static readonly Lazy<SyntheticCorpus> s_corpus = new(() => SyntheticCorpus.Generate(20_000));

    /// <summary>As <see cref="KernelLearningTests"/>, in batched mode: the planted analogies at ≥ 0.9 per kernel.</summary>
    [Theory]
    [MemberData(nameof(KernelData.RegistryKernels), MemberType = typeof(KernelData))]
    public void Training_LearnsPlantedAnalogies_InBatchedMode(string name)
    {
        KernelData.Require(name);
        double accuracy = Accuracy(name);
        Assert.True(accuracy >= 0.9, $"{name}: planted-analogy accuracy {accuracy:P1} in batched mode");
    }

    internal static double Accuracy(string kernel)
    {
        SyntheticCorpus corpus = s_corpus.Value;
        var options = new TrainingOptions { Kernel = kernel, Threads = 1, Dim = 50, Epochs = 5, Mode = TrainingMode.Batched };
        WordEmbeddings vectors = new TrainingPipeline(options).TrainText(corpus.Text, TestContext.Current.CancellationToken);
        return AnalogyEvaluator.Evaluate(vectors, corpus.Analogies).Accuracy;
    }
}
