using FastSgns.Evaluation;
using FastSgns.Kernels;
using FastSgns.Pipeline;
using FastSgns.Synthetic;
using FastSgns.Tests.Kernels;
using FastSgns.Training;

namespace FastSgns.Tests.Interop;

public sealed class NativeKernelTrainingTests
{
    public static TheoryData<string> Paths => ["native-avx512", "native-avx2", "native-scalar"];

    /// <summary>The widest native path this machine runs, or a skip saying why none does.</summary>
    internal static string WidestNativeKernel()
    {
        ISgnsKernel? kernel = KernelRegistry.Supported.FirstOrDefault(k => k is NativeKernel);
        Assert.SkipWhen(kernel is null, $"the native library is unavailable: {NativeKernel.UnavailableReason}");
        return kernel!.Name;
    }

    [Fact]
    public void Train_LearnsPlantedAnalogies_WithNativeKernel()
    {
        string name = WidestNativeKernel();
        SyntheticCorpus corpus = SyntheticCorpus.Generate(20_000);
        var options = new TrainingOptions { Kernel = name, Threads = 1, Dim = 50, Epochs = 5 };

        var vectors = new TrainingPipeline(options).TrainText(corpus.Text, TestContext.Current.CancellationToken);

        double accuracy = AnalogyEvaluator.Evaluate(vectors, corpus.Analogies).Accuracy;
        Assert.True(accuracy >= 0.9, $"planted-analogy accuracy {accuracy:P1} with {name}");
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

    [Theory]
    [MemberData(nameof(Paths))]
    public void Resolve_NativePath_GivesItsKernel_OrFailsLoudly(string name)
    {
        var kernel = (NativeKernel)KernelRegistry.All.Single(k => k.Name == name);
        if (kernel.IsSupported)
        {
            Assert.Same(kernel, KernelRegistry.Resolve(name));
            Assert.Null(kernel.UnsupportedReason);
        }
        else
        {
            var error = Assert.Throws<PlatformNotSupportedException>(() => KernelRegistry.Resolve(name));
            Assert.Contains(kernel.UnsupportedReason!, error.Message);
        }
    }

    [Fact]
    public void NativeScalar_IsSupported_ExactlyWhenTheLibraryLoads()
    {
        Assert.Equal(NativeKernel.IsAvailable, KernelRegistry.All.Single(k => k.Name == "native-scalar").IsSupported);
    }
}
