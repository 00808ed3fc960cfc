using FastSgns.Embeddings;
using FastSgns.Evaluation;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Tests.Kernels;
using FastSgns.Training;

namespace FastSgns.Tests.Learning;

/// <summary>
/// Skip-gram with hierarchical softmax in batched mode (<c>--mode batched --hs --negative 0</c>): a center word's
/// contexts train against its Huffman path together. It learns the synthetic corpus's planted analogies as the
/// per-pair path does (<see cref="ModelFamilyLearningTests"/>), with every registry kernel, and one thread is
/// bit-identical run after run.
/// </summary>
public sealed class BatchedHierarchicalSoftmaxTests
{
    private static readonly Lazy<SyntheticCorpus> s_corpus = new(() => SyntheticCorpus.Generate(20_000));

    private static TrainingOptions Options(string kernel) => new()
    {
        Kernel = kernel, Dim = 50, Epochs = 5, Threads = 1, Mode = TrainingMode.Batched, HierarchicalSoftmax = true, Negative = 0,
    };

    [Theory]
    [MemberData(nameof(KernelData.RegistryKernels), MemberType = typeof(KernelData))]
    public void PlantedAnalogies_AreLearned_FarAboveChance(string name)
    {
        KernelData.Require(name);
        SyntheticCorpus corpus = s_corpus.Value;
        using WordEmbeddings vectors = new TrainingPipeline(Options(name)).TrainText(corpus.Text, TestContext.Current.CancellationToken);

        AnalogyResult result = AnalogyEvaluator.Evaluate(vectors, corpus.Analogies);

        // The per-pair path's floor: chance is about 0.1 %, so a wrong label, a delta sent to the wrong matrix or a
        // path taken from the context word instead of the center word falls far below it.
        Assert.Equal(1.0, result.Coverage);
        Assert.True(result.Accuracy >= 0.90, $"{name}: planted-analogy accuracy {result.Accuracy:P1} < 90 % in batched HS");
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("auto")]
    public void OneThread_IsBitIdentical_RunAfterRun(string kernel)
    {
        SyntheticCorpus corpus = SyntheticCorpus.Generate(3_000);
        TrainingOptions options = Options(kernel) with { Dim = 20, Epochs = 2 };
        using WordEmbeddings first = new TrainingPipeline(options).TrainText(corpus.Text);
        using WordEmbeddings second = new TrainingPipeline(options).TrainText(corpus.Text);
        using WordEmbeddings pairs = new TrainingPipeline(options with { Mode = TrainingMode.Pairs }).TrainText(corpus.Text);

        Assert.True(first.Vectors.Values().SequenceEqual(second.Vectors.Values()), $"{kernel}: two one-thread batched HS runs differ");
        Assert.False(first.Vectors.Values().SequenceEqual(pairs.Vectors.Values()), $"{kernel}: batched HS trained exactly as the per-pair path");
    }

    [Fact]
    public void BatchedMode_WithHierarchicalSoftmaxAndNegatives_IsRefused()
    {
        var options = new TrainingOptions { Mode = TrainingMode.Batched, HierarchicalSoftmax = true, Negative = 5 };
        var error = Assert.Throws<TrainingOptionsException>(options.Validate);
        Assert.Contains("hierarchical softmax plus negatives", error.Message);
        (options with { Negative = 0 }).Validate();
    }
}
