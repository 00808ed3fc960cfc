using FastSgns.Evaluation;
using FastSgns.Kernels;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Tests.Kernels;
using FastSgns.Training;

namespace FastSgns.Tests.Interop;

[Collection(NativeCollection.Name)]
public sealed class NativeKernelTrainingTests
{
    [Fact]
    public void Train_LearnsPlantedAnalogies_WithNativeKernel()
    {
        KernelData.Require("native");
        SyntheticCorpus corpus = SyntheticCorpus.Generate(20_000);
        var options = new TrainingOptions { Kernel = "native", Threads = 1, Dim = 50, Epochs = 5 };

        var vectors = new TrainingPipeline(options).TrainText(corpus.Text, TestContext.Current.CancellationToken);

        double accuracy = AnalogyEvaluator.Evaluate(vectors, corpus.Analogies).Accuracy;
        Assert.True(accuracy >= 0.9, $"planted-analogy accuracy {accuracy:P1} with the native {NativeKernel.ActivePath} path");
    }

    [Fact]
    public void Auto_NeverPicksNativeKernel()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(KernelRegistry.EnvironmentVariable)))
        {
            Assert.Skip($"{KernelRegistry.EnvironmentVariable} is set, so auto follows it");
        }

        Assert.IsNotType<NativeKernel>(KernelRegistry.Resolve());
        Assert.IsNotType<NativeKernel>(KernelRegistry.Resolve("auto"));
        Assert.Contains(KernelRegistry.All, k => k is NativeKernel);
    }

    [Fact]
    public void Resolve_Native_GivesNativeKernel_OrFailsLoudly()
    {
        if (NativeKernel.IsAvailable)
        {
            Assert.IsType<NativeKernel>(KernelRegistry.Resolve("native"));
            Assert.Contains(NativeKernel.ActivePath, NativeKernel.SupportedPaths);
            Assert.Contains("scalar", NativeKernel.SupportedPaths);
        }
        else
        {
            Assert.Throws<PlatformNotSupportedException>(() => KernelRegistry.Resolve("native"));
            Assert.Null(NativeKernel.ActivePath);
        }
    }

    [Fact]
    public void SelectPath_Auto_PicksTheWidestSupportedPath()
    {
        KernelData.Require("native");
        NativeKernel.SelectPath("auto");
        Assert.Equal(NativeKernel.SupportedPaths[^1], NativeKernel.ActivePath);
        Assert.Throws<PlatformNotSupportedException>(() => NativeKernel.SelectPath("sse9"));
    }
}
