using FastSgns.Embeddings;
using FastSgns.Evaluation;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Training;

namespace FastSgns.Tests.Kernels;

public sealed class KernelLearningTests
{
    private static readonly Lazy<SyntheticCorpus> s_corpus = new(() => SyntheticCorpus.Generate(20_000));

    /// <summary>
    /// The planted analogies are exact by construction and the scalar kernel answers all of them (100 %) on this
    /// corpus, where chance is about 0.1 %. 0.9 leaves room for a kernel's different rounding and seed paths, while
    /// a broken update (a wrong sign, a lost term, a wrong gradient) falls far below it.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelData.RegistryKernels), MemberType = typeof(KernelData))]
    public void Training_LearnsPlantedAnalogies_WithKernel(string name)
    {
        KernelData.Require(name);
        SyntheticCorpus corpus = s_corpus.Value;
        var options = new TrainingOptions { Kernel = name, Threads = 1, Dim = 50, Epochs = 5 };
        WordEmbeddings vectors = new TrainingPipeline(options).TrainText(corpus.Text, TestContext.Current.CancellationToken);
        double accuracy = AnalogyEvaluator.Evaluate(vectors, corpus.Analogies).Accuracy;
        Assert.True(accuracy >= 0.9, $"{name}: planted-analogy accuracy {accuracy:P1}");
    }
}
